import { describe, expect, it } from 'vitest'
import { KEY, renderApp, seed } from './render-app.tsx'

describe('Ticket detail', () => {
  it('shows fields, text, children, dependencies, comments and history', async () => {
    const ui = await renderApp({ initial: { view: 'list' }, size: { columns: 100, rows: 40 } })
    const [epic] = await seed(ui.service, ['The epic'], 'epic')
    const child = await ui.service.createTicket({
      project: 'TK',
      title: 'A child',
      parent: epic!,
      description: 'Why it matters',
      acceptance_criteria: 'It works',
    })
    const other = await ui.service.createTicket({ project: 'TK', title: 'Prerequisite' })
    await ui.service.addDependency(child.key, other.key)
    await ui.service.addComment(child.key, 'first comment')
    const ui2 = await renderApp({
      service: ui.service,
      initial: { view: 'list', filters: { list: 'A child' } },
      size: { columns: 100, rows: 40 },
    })
    await ui2.waitFor('A child [blocked]')
    await ui2.press(KEY.enter)
    const f = await ui2.waitFor('Comments and history')
    expect(f).toContain(`${child.key}  A child`)
    expect(f).toMatch(/Parent\s+TK-E-1/)
    expect(f).toMatch(/Blocked by\s+TK-T-3/)
    expect(f).toContain('Why it matters')
    expect(f).toContain('It works')
    expect(f).toMatch(/depends on:\n.*TK-T-3 {2}design\/idle {2}Prerequisite/)
    expect(f).toContain('admin:')
    expect(f).toContain('first comment')
    expect(f).toContain('created task "A child" [design/idle] under TK-E-1')

    await ui2.press(KEY.esc, '\\')
    await ui2.waitFor('List · 3 tickets')
    await ui2.press('G', KEY.enter)
    await ui2.waitFor('Children (1)')
    expect(ui2.frame()).toContain('TK-T-2  design/idle  A child')
  })

  it('names an agent in history by its name, never its UUID', async () => {
    const ui = await renderApp({ initial: { view: 'list' }, size: { columns: 100, rows: 40 } })
    const [key] = await seed(ui.service, ['Work for a bot'])
    const { agent } = await ui.service.createAgent({ display_name: 'Night bot' })
    await ui.service.addProjectMember('TK', { username: agent.username, role: 'editor' })
    // Assigned by a person: the agent itself has not acted, so only the event's names know it.
    await ui.service.assign(key!, agent.username)
    await ui.press('r')
    await ui.waitFor('Work for a bot')
    await ui.press(KEY.enter)
    const f = await ui.waitFor('assigned to Night bot')
    // Only the assignee field gives the id beside the name (decision 0023).
    const lines = f.split('\n').filter((l) => !/Assignee/.test(l))
    expect(lines.join('\n')).not.toContain(agent.username.slice(0, 8))
  })

  it('steps through tickets with ↑/↓, acts on the shown one, and closes with Esc or q', async () => {
    const ui = await renderApp({ initial: { view: 'list' } })
    await seed(ui.service, ['one', 'two'])
    await ui.press('r')
    await ui.waitFor('two')
    await ui.press(KEY.enter)
    await ui.waitFor('TK-T-2  two')
    await ui.press(KEY.down)
    await ui.waitFor('TK-T-1  one')
    await ui.press('s')
    await ui.waitFor(/Status\s+◑ design\/active/)
    await ui.press('k')
    await ui.waitFor('TK-T-2  two')
    await ui.press('q')
    await ui.waitFor('List · 2 tickets')
    await ui.press(KEY.enter)
    await ui.waitFor('Workflow')
    await ui.press(KEY.esc)
    await ui.waitFor('List · 2 tickets')
  })

  it('adds a comment with m', async () => {
    const ui = await renderApp({ initial: { view: 'list' } })
    const [key] = await seed(ui.service, ['talk'])
    await ui.press('r')
    await ui.waitFor('talk')
    await ui.press(KEY.enter)
    await ui.waitFor('Workflow')
    await ui.press('m')
    await ui.waitFor('comment on TK-T-1:')
    await ui.press('looks good', KEY.enter)
    await ui.waitFor('looks good')
    expect((await ui.service.listComments(key!)).map((c) => c.text)).toEqual(['looks good'])
  })

  it('scrolls a long ticket with PgDn', async () => {
    const ui = await renderApp({ initial: { view: 'list' }, size: { columns: 80, rows: 12 } })
    await ui.service.createTicket({
      project: 'TK',
      title: 'long',
      description: Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n'),
    })
    await ui.press('r')
    await ui.waitFor('long')
    await ui.press(KEY.enter)
    await ui.waitFor('TK-T-1  long')
    await ui.press(KEY.pageDown)
    await ui.waitFor((f) => !f.includes('TK-T-1  long') && f.includes('line '))
  })
})
