import { describe, expect, it } from 'vitest'
import { backgrounds, openTmux } from '../support/tmux.ts'
import { tempWorkspace } from '../support/workspace.ts'

describe('a light theme in a real terminal (tmux)', () => {
  it('paints its background on every cell of every view, not the terminal default', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'A ticket with a title', '-d', '## Notes\n\nSome *text* and `code`.')
    // CI set, as a CI job leaves it: the UI still runs in a terminal and must keep its colours.
    const t = openTmux(
      ws,
      ['-g', '-theme', 'bright-n-breezy'],
      { CI: 'true' },
      { columns: 80, rows: 20 },
    )
    // Empty when every cell is painted; otherwise the view, each row with unpainted cells, the
    // screen, and what tmux holds for those rows (escapes and all), so a failure tells a width or
    // wrap fault from a slow repaint without 1,600 lines of cells.
    const unpainted = (shows: string) => {
      const raw = t.raw()
      const rows = backgrounds(raw).flatMap((row, y) => {
        const xs = row.flatMap((bg, x) => (bg === 'default' ? [x] : []))
        return xs.length ? [{ y, text: `row ${y}: ${xs.length} cells from x=${xs[0]}` }] : []
      })
      if (rows.length === 0) return ''
      const lines = raw.split('\n')
      return [shows, ...rows.map((r) => r.text), t.screen()]
        .concat(rows.map((r) => `${r.y} ${JSON.stringify(lines[r.y])}`))
        .join('\n')
    }
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
      // tmux may be between two chunks of one repaint when the text first shows, and a loaded
      // machine can take seconds to finish it: fail only if a cell stays on the terminal's default.
      await expect.poll(() => unpainted(shows), { timeout: 15_000 }).toBe('')
    }
    await t.send('q', 'q')
    await t.waitFor('TK-EXITED:0')
  }, 120_000)
})
