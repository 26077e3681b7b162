import { describe, expect, it } from 'vitest'
import { openTmux } from '../support/tmux.ts'
import { tempWorkspace } from '../support/workspace.ts'

describe('tk -g keys in a real terminal (tmux)', () => {
  it('keeps keys typed right after a view switch: 2 j j j lands on the fourth row', async () => {
    const ws = await tempWorkspace()
    for (const title of ['one', 'two', 'three', 'four', 'five']) await ws.tk('add', title)
    const t = openTmux(ws, ['-g'])
    await t.waitFor('Recent activity')
    // One burst, as a fast typist sends it: the list has not drawn when the j's arrive.
    t.sendBurst('2', 'j', 'j', 'j')
    const s = await t.waitFor(/▸.*two/)
    expect(s).toMatch(/List · 5 tickets/)
    await t.send('q')
    await t.waitFor('TK-EXITED:0')
  })
})
