import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { seedWorkspace } from '../../bench/seed.ts'
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.ts'
import { moveUnder } from '../support/move-under.ts'
import { openTmux } from '../support/tmux.ts'
import { tempWorkspace } from '../support/workspace.ts'

// 3,000 tickets; TK-T-2…TK-T-451 (450) are children of TK-T-1, so 2,550 are top-level.
const TICKETS = 3000
const CHILDREN = 450
const ROOTS = TICKETS - CHILDREN

async function seeded() {
  const ws = await tempWorkspace({ init: false })
  await seedWorkspace(ws.home, TICKETS)
  const store = await openSqliteStore(join(ws.home, 'ticket.db'))
  await moveUnder(store, 'TK-T-1', { from: 2, to: CHILDREN + 1 })
  await store.close()
  return ws
}

const cursorLine = (screen: string) => screen.split('\n').find((l) => l.startsWith('▸')) ?? ''

describe('terminal UI at a few thousand tickets (tmux)', () => {
  it('draws the hierarchy a page at a time: 200 top-level tickets of their total, 200 more on Space, children when opened', async () => {
    const ws = await seeded()
    const t = openTmux(ws, ['-g'], { CI: 'true' })
    await t.waitFor('Recent activity')
    await t.send('2', 'v')
    // The first page of top-level tickets, with how many there are in all.
    let screen = await t.waitFor(`List as a tree · 200 shown of ${ROOTS} top-level`)
    expect(cursorLine(screen)).toMatch(/\+ ○ ▪ TK-T-1 /)
    // TK-T-1 is closed: its children are not drawn, the next top-level ticket follows it.
    expect(screen).toMatch(/TK-T-1 .*\n.*TK-T-452 /)

    // The last row says how many more there are; Space on it reads the next 200.
    await t.send('G')
    screen = await t.waitFor((s) => cursorLine(s).includes('more tickets'))
    expect(cursorLine(screen)).toContain(`… ${ROOTS - 200} more tickets · Space shows 200 more`)
    await t.send('Space')
    screen = await t.waitFor(`List as a tree · 400 shown of ${ROOTS} top-level`)
    // The cursor stays where the "more" row was: on the first ticket of the new page.
    expect(cursorLine(screen)).toMatch(/TK-T-651 /)

    // Opening TK-T-1 reads its first 200 children, with a row for the other 250.
    await t.send('g', 'Space')
    screen = await t.waitFor('List as a tree · 600 shown')
    expect(screen).toMatch(/▸ − ○ ▪ TK-T-1 .*\n.*└ {3}○ ▪ TK-T-2 /)
    // Down to the row that says `text`: a page at a time until it is on screen, then row by row.
    const toRow = async (text: string) => {
      for (let i = 0; i < 20; i++) {
        const lines = t.screen().split('\n')
        const at = lines.findIndex((l) => l.includes(text))
        const cursor = lines.findIndex((l) => l.startsWith('▸'))
        if (at >= 0 && at === cursor) break
        if (at >= 0)
          t.sendBurst(...Array<string>(Math.abs(at - cursor)).fill(at > cursor ? 'j' : 'k'))
        else await t.send('PageDown')
        await t.waitFor((s) => s !== lines.join('\n'))
      }
      return t.waitFor((s) => cursorLine(s).includes(text))
    }
    screen = await toRow(`└   … ${CHILDREN - 200} more tickets · Space shows 200 more`)
    await t.send('Space')
    screen = await t.waitFor('List as a tree · 800 shown')
    expect(cursorLine(screen)).toMatch(/└ {3}○ ▪ TK-T-202 /)
    screen = await toRow(`└   … ${CHILDREN - 400} more tickets · Space shows 50 more`)
    await t.send('Space')
    // The last 50 children end the level: no "more" row is left under TK-T-1.
    screen = await t.waitFor('List as a tree · 850 shown')
    expect(screen).not.toMatch(/└ .*more tickets/)

    // A ticket added elsewhere reloads the view: every level is read again as far as it had
    // been, so nothing read goes away and the new total shows.
    const added = await ws.tk('add', 'Arrived from another shell')
    expect(added.code).toBe(0)
    await t.waitFor(`List as a tree · 850 shown of ${ROOTS + 1} top-level`, 30_000)

    // Closed again, the children go; what was read of the top level stays.
    await t.send('g', 'Space')
    await t.waitFor('List as a tree · 400 shown')
    await t.send('q')
    await t.waitFor('TK-EXITED:0')
  }, 120_000)

  it('counts the flat list and reads it a page at a time as the cursor nears the end', async () => {
    const ws = await seeded()
    const t = openTmux(ws, ['-g'], { CI: 'true' })
    await t.waitFor('Recent activity')
    await t.send('2')
    await t.waitFor(`List · ${TICKETS} tickets · 200 loaded`)
    // The end of the first page: the next one is read.
    await t.send('G')
    await t.waitFor(`List · ${TICKETS} tickets · 400 loaded`)
    await t.send('G')
    const screen = await t.waitFor(`List · ${TICKETS} tickets · 600 loaded`)
    const selected = /TK-T-\d+ /.exec(cursorLine(screen))?.[0]
    expect(selected).toBeDefined()
    // A ticket added elsewhere: the list is read again as deep as before, the new one on top,
    // and the cursor stays on its ticket.
    expect((await ws.tk('add', 'Arrived from another shell')).code).toBe(0)
    await t.waitFor(`List · ${TICKETS + 1} tickets · 600 loaded`, 30_000)
    expect(cursorLine(t.screen())).toContain(selected)
    await t.send('g')
    await t.waitFor((s) => cursorLine(s).includes('Arrived from another shell'))
    await t.send('q')
    await t.waitFor('TK-EXITED:0')
  }, 120_000)
})
