import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findActor, LocalService } from '../../src/service/local-service.ts'
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.ts'
import { openTmux } from '../support/tmux.ts'
import { type TempWorkspace, tempWorkspace } from '../support/workspace.ts'

/** `n` tickets titled after their own number, spread over the stages, written directly. */
async function seedNumbered(ws: TempWorkspace, n: number) {
  const store = await openSqliteStore(join(ws.home, 'ticket.db'), { writable: true })
  const service = new LocalService({ store, actor: await findActor(store, 'admin') })
  const stages = ['design', 'develop', 'test']
  for (let i = 1; i <= n; i++) {
    const t = await service.createTicket({ project: 'TK', title: `title of ${i}` })
    await service.setStage(t.key, stages[i % 3]!)
  }
  await service.close()
}

/** Every card on the screen whose title line is not its own ticket's. */
function mismatchedCards(screen: string): string[] {
  const lines = screen.split('\n')
  const wrong: string[] = []
  for (let y = 0; y + 1 < lines.length; y++)
    for (const m of lines[y]!.matchAll(/TK-T-(\d+) P\d/g)) {
      const below = lines[y + 1]!.slice(m.index, m.index + 40)
      const title = /title of (\d+)/.exec(below)
      if (title && title[1] !== m[1]) wrong.push(`TK-T-${m[1]} over "${below.trim()}"`)
    }
  return wrong
}

describe('tk -g board in a real terminal (tmux)', () => {
  it("never shows a card with another ticket's title, on first load or after resizes", async () => {
    const ws = await tempWorkspace()
    await seedNumbered(ws, 90)
    const t = openTmux(ws, ['-g'], {}, { columns: 80, rows: 24 })
    await t.waitFor('Recent activity')
    await t.send('3')
    const first = await t.waitFor(/design \(30\)/)
    expect(mismatchedCards(first)).toEqual([])
    for (const [x, y] of [
      [200, 50],
      [120, 40],
      [200, 50],
      [90, 30],
    ] as const) {
      t.resize(x, y)
      // Every frame on the way counts, not only the settled one.
      const seen = new Set<string>()
      await t.waitFor((s) => {
        for (const w of mismatchedCards(s)) seen.add(w)
        return s.split('\n')[y - 1]!.includes('Shift+←/→')
      })
      for (let i = 0; i < 10; i++) for (const w of mismatchedCards(t.screen())) seen.add(w)
      expect([...seen]).toEqual([])
      await t.send('j')
      expect(mismatchedCards(t.screen())).toEqual([])
    }
    await t.send('q')
    await t.waitFor('TK-EXITED:0')
  })

  it('at 80×24 narrows empty lanes for the full ones and keeps every tab reachable', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'A title long enough to need the room')
    const t = openTmux(ws, ['-g'], {}, { columns: 80, rows: 24 })
    // With the project's name in: the tabs shorten to four letters before they lose their words.
    await t.waitFor((s) => s.includes('Recent activity') && s.includes('TK · Def'))
    const top = t.screen().split('\n')[0]!
    for (const n of ['1', '2', '3', '4', '5', '6', '7'])
      expect(top).toMatch(new RegExp(`\\b${n} [A-Z][a-z]{3}`))
    await t.send('3')
    const s = await t.waitFor('A title long enough to need the room')
    expect(s).toMatch(/design \(1\)\s+develop \(0\)/)
    // The last tab is still there to go to.
    await t.send('7')
    await t.waitFor('● The Grey')
    await t.send('q')
    await t.waitFor('TK-EXITED:0')
  })
})
