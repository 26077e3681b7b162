import { describe, expect, it } from 'vitest'
import { KEY, renderApp, seed } from './render-app.tsx'

describe('List view', () => {
  it('lists the project tickets newest first and moves the cursor with j/k and arrows', async () => {
    const ui = await renderApp({ initial: { view: 'list' } })
    await seed(ui.service, ['first', 'second', 'third'])
    await ui.press('r')
    await ui.waitFor('TK-T-1')
    expect(ui.frame()).toContain('List · 3 tickets')
    expect(ui.cursorLine()).toContain('third')
    await ui.press('j')
    await ui.waitFor(() => ui.cursorLine().includes('second'))
    await ui.press(KEY.down)
    await ui.waitFor(() => ui.cursorLine().includes('first'))
    await ui.press('k', KEY.up)
    await ui.waitFor(() => ui.cursorLine().includes('third'))
    await ui.press('G')
    await ui.waitFor(() => ui.cursorLine().includes('first'))
    await ui.press('g')
    await ui.waitFor(() => ui.cursorLine().includes('third'))
  })

  it('filters with / by type and by words, and \\ clears the filter', async () => {
    const service = (await renderApp()).service
    await seed(service, ['login page broken'], 'bug')
    await seed(service, ['add login audit', 'unrelated work'])
    const ui = await renderApp({ service, initial: { view: 'list' } })
    await ui.waitFor('List · 3 tickets')
    await ui.press('/')
    await ui.waitFor('filter:')
    await ui.press('type:bug', KEY.enter)
    await ui.waitFor('List · 1 ticket · filter: type:bug')
    expect(ui.frame()).toContain('login page broken')
    expect(ui.frame()).not.toContain('unrelated work')
    await ui.press('/')
    await ui.press(...Array(8).fill(KEY.backspace), 'login', KEY.enter)
    await ui.waitFor('filter: login')
    await ui.waitFor('List · 2 tickets')
    expect(ui.frame()).not.toContain('unrelated work')
    await ui.press('\\')
    await ui.waitFor('List · 3 tickets')
    const last = ui.saved.at(-1)?.tui
    expect(last?.filters.list).toBe('')
  })

  it('reports an unknown filter term instead of showing nothing', async () => {
    const ui = await renderApp({ initial: { view: 'list', filters: { list: 'type:bogus' } } })
    await ui.waitFor('unknown type "bogus"')
  })

  it('draws only the rows that fit, and reaches the last of 1,000 tickets', async () => {
    const service = (await renderApp()).service
    for (let i = 1; i <= 1000; i++) await service.createTicket({ project: 'TK', title: `t${i}` })
    const ui = await renderApp({
      service,
      initial: { view: 'list' },
      size: { columns: 100, rows: 20 },
    })
    await ui.waitFor('List · 1000 tickets')
    const rows = ui
      .frame()
      .split('\n')
      .filter((l) => /TK-T-\d+/.test(l))
    expect(rows.length).toBe(17)
    // The first page of 200 is read; each G goes to the last row read and reads on from there.
    expect(ui.frame()).toContain('List · 1000 tickets · 200 loaded')
    for (let i = 0; i < 10 && !ui.cursorLine().includes('TK-T-1 '); i++) {
      const before = ui.cursorLine()
      await ui.press('G')
      await ui.waitFor(() => ui.cursorLine() !== before || ui.cursorLine().includes('TK-T-1 '))
    }
    await ui.waitFor(() => ui.cursorLine().includes('TK-T-1 '))
    await ui.waitFor(() => !ui.frame().includes('loaded'))
    await ui.press(KEY.pageDown.replace('6', '5'))
    await ui.waitFor(() => !ui.cursorLine().includes('TK-T-1 '))
  })

  it('starts, completes, fails, idles, assigns and claims the selected ticket', async () => {
    const ui = await renderApp({ initial: { view: 'list' } })
    const [key] = await seed(ui.service, ['work'])
    await ui.press('r')
    await ui.waitFor('work')
    await ui.press('s')
    await ui.waitFor('◑ TK-T-1 design/active')
    expect((await ui.service.getTicket(key!)).assignee).toBe('admin')
    await ui.press('c')
    await ui.waitFor('TK-T-1 develop/idle')
    await ui.press('f')
    await ui.waitFor('TK-T-1 develop/fail')
    await ui.press('i')
    await ui.waitFor('TK-T-1 develop/idle')
    await ui.service.unassign(key!)
    await ui.press('a')
    await ui.waitFor('TK-T-1 develop/idle')
    expect((await ui.service.getTicket(key!)).assignee).toBe('admin')
    await ui.press('x')
    await ui.waitFor('TK-T-1 develop/active')
  })

  it('shows a refusal from the service as an error line and keeps going', async () => {
    const ui = await renderApp({ initial: { view: 'list' } })
    const [epic] = await seed(ui.service, ['parent'], 'epic')
    await ui.service.createTicket({ project: 'TK', title: 'child', parent: epic! })
    await ui.press('r')
    await ui.waitFor('child')
    await ui.press('j')
    await ui.waitFor(() => ui.cursorLine().includes('parent'))
    await ui.press('s')
    await ui.waitFor('error: ticket has children')
    await ui.press('k')
    await ui.waitFor(() => !ui.frame().includes('error:'))
  })

  it('shows the hierarchy with v and opens a parent with Space', async () => {
    const ui = await renderApp({ initial: { view: 'list' } })
    const [epic] = await seed(ui.service, ['The epic'], 'epic')
    const task = await ui.service.createTicket({ project: 'TK', title: 'A task', parent: epic! })
    await ui.service.createTicket({ project: 'TK', title: 'A subtask', parent: task.key })
    await seed(ui.service, ['Loose end'])
    await ui.press('r')
    await ui.waitFor('List · 4 tickets')
    await ui.press('v')
    await ui.waitFor('List as a tree · 2 shown')
    expect(ui.cursorLine()).toMatch(/▸ \+ ○ ◈ TK-E-1/)
    expect(ui.frame()).not.toContain('A task')
    await ui.press(' ')
    await ui.waitFor('List as a tree · 3 shown')
    await ui.press('j', ' ')
    await ui.waitFor('List as a tree · 4 shown')
    expect(ui.frame()).toMatch(/└ − ○ ▪ TK-T-2 .*A task\n.*└ {3}○ ▪ TK-T-3 .*A subtask/)
    await ui.press('j', KEY.enter)
    await ui.waitFor('TK-T-3  A subtask')
    await ui.press(KEY.esc, 'v')
    await ui.waitFor('List · 4 tickets')
    await ui.waitFor(() => {
      const s = ui.saved.at(-1)?.tui
      return s?.tree === false && s.expanded.join() === 'TK-E-1,TK-T-2'
    })
  })

  it('opens the detail with Enter and persists the cursor', async () => {
    const ui = await renderApp({ initial: { view: 'list' } })
    await seed(ui.service, ['one', 'two'])
    await ui.press('r')
    await ui.waitFor('two')
    await ui.press('j', KEY.enter)
    await ui.waitFor('Workflow')
    expect(ui.frame()).toContain('TK-T-1  one')
    await ui.waitFor(() => ui.saved.at(-1)?.tui?.cursors.list === 1)
  })
})
