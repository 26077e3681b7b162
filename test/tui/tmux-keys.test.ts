import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
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

describe('tk -g and $EDITOR (tmux)', () => {
  it('edits a description in $EDITOR from the form (Ctrl+E) and from the detail (E)', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'Described')
    // A stand-in editor: appends a line to the file it is given, as a person would.
    const editor = join(ws.dir, 'editor.sh')
    writeFileSync(editor, '#!/bin/sh\nprintf "written in the editor\\n" >> "$1"\n')
    chmodSync(editor, 0o755)
    const t = openTmux(ws, ['-g'], { EDITOR: editor, VISUAL: '' })
    await t.waitFor('Recent activity')
    await t.send('2')
    await t.waitFor('Described')
    await t.send('e')
    await t.waitFor('Edit TK-T-1')
    // Title, status, priority, parent, assignee, then the description.
    await t.send('Tab', 'Tab', 'Tab', 'Tab', 'Tab')
    await t.type('typed here')
    await t.send('C-e')
    await t.waitFor('typed herewritten in the editor')
    await t.send('C-s')
    await t.waitFor('saved')
    expect((await ws.json<{ description: string }>('get', 'TK-T-1')).description).toBe(
      'typed herewritten in the editor',
    )

    await t.send('Enter')
    await t.waitFor(/Status\s+/)
    await t.send('E')
    await t.waitFor('saved the description of TK-T-1')
    expect((await ws.json<{ description: string }>('get', 'TK-T-1')).description).toBe(
      'typed herewritten in the editorwritten in the editor',
    )
    await t.send('q', 'q')
    await t.waitFor('TK-EXITED:0')
  })
})
