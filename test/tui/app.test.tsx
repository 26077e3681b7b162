import { describe, expect, it } from 'vitest'
import { KEY, renderApp, seed, sleep } from './render-app.tsx'

describe('the terminal UI shell', () => {
  it('switches views with Tab, Shift+Tab, ←/→ and the number keys, persisting the view', async () => {
    const ui = await renderApp()
    await ui.waitFor('Recent activity')
    await ui.press(KEY.tab)
    await ui.waitFor('List · ')
    await ui.press(KEY.tab)
    await ui.waitFor('design (')
    await ui.press(KEY.shiftTab, KEY.shiftTab)
    await ui.waitFor('Recent activity')
    await ui.press(KEY.left)
    await ui.waitFor('Theme (')
    await ui.press('4')
    await ui.waitFor('Ideas (requirements)')
    await ui.press('5')
    await ui.waitFor('Projects · ')
    await ui.press('1')
    await ui.waitFor('Recent activity')
    await ui.press('2')
    await ui.waitFor(() => ui.saved.at(-1)?.tui?.view === 'list')
  })

  it('shows the keys with ? and closes them with any key', async () => {
    const ui = await renderApp({ size: { columns: 130, rows: 45 } })
    await ui.press('?')
    const help = await ui.waitFor('Keys — any key closes this')
    for (const words of ['quit', 'filter', 'start', 'complete', 'fail', 'assign to me', 'Shift+→'])
      expect(help).toContain(words)
    await ui.press('x')
    await ui.waitFor('Recent activity')
  })

  it('scrolls the keys when they do not fit', async () => {
    const ui = await renderApp({ size: { columns: 80, rows: 24 } })
    await ui.press('?')
    await ui.waitFor('↓/↑ scroll, any other key closes this')
    expect(ui.frame()).not.toContain('remember view, filter and cursor')
    await ui.press(...Array(12).fill(KEY.pageDown))
    await ui.waitFor('remember view, filter and cursor')
    expect(ui.frame()).not.toContain('Ctrl+C')
    await ui.press(KEY.up)
    await ui.waitFor('Keys')
    await ui.press('z')
    await ui.waitFor('Recent activity')
  })

  it('summarises the project: counts, active tickets, epics and recent activity', async () => {
    const ui = await renderApp()
    const [epic] = await seed(ui.service, ['An epic'], 'epic')
    const [work] = await seed(ui.service, ['Busy work', 'Idle work'])
    await ui.service.setState(work!, 'active')
    await ui.press('r')
    const f = await ui.waitFor('3 open · 1 active · 1 epic')
    expect(f).toMatch(/Active\n▸ ◑ ▪ TK-T-2/)
    expect(f).toMatch(/Epics\n.*TK-E-1/)
    expect(f).toMatch(/TK-E-1 +created epic "An epic"/)
    await ui.press('j', KEY.enter)
    await ui.waitFor(`${epic}  An epic`)
  })

  it('answers the mouse: tab clicks, row clicks and the wheel', async () => {
    const ui = await renderApp()
    await seed(ui.service, ['one', 'two', 'three'])
    await ui.waitFor('Recent activity')
    // " tk 1 Summary │ 2 List": the List tab starts at column 16.
    await ui.click({ kind: 'click', x: 17, y: 0 })
    await ui.waitFor('List · 3 tickets')
    await ui.click({ kind: 'click', x: 10, y: 4 })
    await ui.waitFor(() => ui.cursorLine().includes('one'))
    await ui.click({ kind: 'wheel-up', x: 10, y: 4 })
    await ui.waitFor(() => ui.cursorLine().includes('two'))
    await ui.click({ kind: 'click', x: 10, y: 3 })
    await ui.waitFor('TK-T-2  two')
    await ui.click({ kind: 'wheel-down', x: 10, y: 4 })
    await ui.click({ kind: 'click', x: 27, y: 0 })
    await ui.waitFor('design (3)')
  })

  it('quits with q and with Ctrl+C, even from a form', async () => {
    const ui = await renderApp()
    await ui.waitFor('Recent activity')
    await ui.press('q')
    await sleep(50)
    const before = ui.frames.length
    await ui.press('j', KEY.tab)
    expect(ui.frames.length).toBe(before)

    const ui2 = await renderApp()
    await ui2.press('n')
    await ui2.waitFor('New ticket')
    await ui2.press('\x03')
    await sleep(50)
    const frozen = ui2.frames.length
    await ui2.press('abc')
    expect(ui2.frames.length).toBe(frozen)
  })

  it('says when the terminal is too small', async () => {
    const ui = await renderApp({ size: { columns: 30, rows: 8 } })
    await ui.waitFor('terminal too small')
  })

  it('claims the next ticket from the queue with X', async () => {
    const ui = await renderApp({ initial: { view: 'list' } })
    const [key] = await seed(ui.service, ['ready work'])
    await ui.service.setStage(key!, 'develop')
    await ui.service.setFlag(key!, 'ready', true)
    await ui.press('X')
    await ui.waitFor(/ASSIGNED: TK-T-1 ready work/i)
    expect((await ui.service.getTicket(key!)).status).toBe('develop/active')
  })
})
