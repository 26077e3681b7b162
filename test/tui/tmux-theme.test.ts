import { describe, expect, it } from 'vitest'
import { openTmux } from '../support/tmux.ts'
import { tempWorkspace } from '../support/workspace.ts'

describe('a light theme in a real terminal (tmux)', () => {
  it('paints its background on every cell of every view, not the terminal default', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'A ticket with a title', '-d', '## Notes\n\nSome *text* and `code`.')
    const t = openTmux(ws, ['-g', '-theme', 'bright-n-breezy'], {}, { columns: 80, rows: 20 })
    const unpainted = () =>
      t
        .backgrounds()
        .flatMap((row, y) => row.map((bg, x) => ({ x, y, bg })))
        .filter((c) => c.bg === 'default')
    for (const [keys, shows] of [
      [[], 'Recent activity'],
      [['2'], 'List · 1 ticket'],
      [['3'], 'design (1)'],
      [['2', 'Enter'], 'Notes'],
      [['Escape', '6'], 'yolo (2 stages)'],
    ] as const) {
      await t.send(...keys)
      await t.waitFor(shows)
      expect(t.backgrounds()).toHaveLength(20)
      // tmux may be between two chunks of one repaint when the text first shows: wait for the
      // repaint to finish, and fail only if a cell stays on the terminal's default.
      await expect
        .poll(unpainted, { timeout: 5_000, message: `${shows}\n${t.screen()}` })
        .toEqual([])
    }
    await t.send('q', 'q')
    await t.waitFor('TK-EXITED:0')
  })
})
