import { describe, expect, it } from 'vitest'
import { KEY, renderApp, seed } from './render-app.tsx'

describe('Ticket forms', () => {
  it('creates a ticket with n: title, type, priority, description', async () => {
    const ui = await renderApp({ initial: { view: 'list' } })
    await ui.waitFor('List · 0 tickets')
    await ui.press('n')
    await ui.waitFor('New ticket in TK')
    await ui.press('Login fails', KEY.tab, KEY.right, KEY.tab, KEY.left, KEY.tab, KEY.tab, KEY.tab)
    await ui.press('first line', KEY.enter, 'second line', KEY.ctrlS)
    await ui.waitFor('created ○ TK-B-1 design/idle  Login fails')
    const t = await ui.service.getTicket('TK-B-1')
    expect(t).toMatchObject({ type: 'bug', priority: 2, description: 'first line\nsecond line' })
    await ui.waitFor(/List · 1 ticket(?!s)/)
  })

  it('keeps the form open with the reason when the service refuses', async () => {
    const ui = await renderApp({ initial: { view: 'list' } })
    await ui.press('n')
    await ui.waitFor('New ticket in TK')
    await ui.press(KEY.ctrlS)
    await ui.waitFor('error: title is required')
    await ui.press('now titled', KEY.ctrlS)
    await ui.waitFor('created ○ TK-T-1')
  })

  it('saves from the Save button and cancels with Esc', async () => {
    const ui = await renderApp({ initial: { view: 'list' } })
    await ui.press('n')
    await ui.waitFor('New ticket in TK')
    await ui.press('kept', KEY.shiftTab, KEY.enter)
    await ui.waitFor('created ○ TK-T-1')
    await ui.press('n')
    await ui.waitFor('New ticket in TK')
    await ui.press('dropped', KEY.esc)
    await ui.waitFor('Discard the changes? (y/n)')
    await ui.press('y')
    await ui.waitFor(/List · 1 ticket(?!s)/)
    expect((await ui.service.listTickets({ project: 'TK' })).map((t) => t.title)).toEqual(['kept'])
  })

  it('edits title, status, priority, assignee and parent with e', async () => {
    const ui = await renderApp({ initial: { view: 'list' } })
    const [epic] = await seed(ui.service, ['parent epic'], 'epic')
    const [key] = await seed(ui.service, ['old title'])
    await ui.press('r')
    await ui.waitFor('old title')
    await ui.press('e')
    await ui.waitFor(`Edit ${key}`)
    await ui.press(...Array(9).fill(KEY.backspace), 'new title', KEY.tab)
    await ui.press(KEY.right, KEY.right, KEY.right, KEY.right, KEY.right, KEY.tab)
    await ui.press(KEY.right, KEY.tab, epic!, KEY.tab, 'admin', KEY.ctrlS)
    await ui.waitFor(`saved ◑ ${key} develop/active  new title`)
    expect(await ui.service.getTicket(key!)).toMatchObject({
      title: 'new title',
      status: 'develop/active',
      priority: 4,
      assignee: 'admin',
      parent_id: epic,
    })
  })
})

describe('Ideas view', () => {
  it('lists requirements only and creates requirements with n', async () => {
    const ui = await renderApp({ initial: { view: 'ideas' } })
    await seed(ui.service, ['not an idea'])
    await ui.service.createTicket({ project: 'TK', title: 'an idea', type: 'requirement' })
    await ui.press('r')
    await ui.waitFor('an idea')
    expect(ui.frame()).toMatch(/Ideas \(requirements\) · 1 ticket(?!s)/)
    expect(ui.frame()).not.toContain('not an idea')
    await ui.press('n')
    await ui.waitFor(/Type\s+requirement/)
    await ui.press('another idea', KEY.ctrlS)
    await ui.waitFor('created ○ TK-R-3')
    await ui.waitFor('Ideas (requirements) · 2 tickets')
  })

  it('accepts a requirement with A and rejects one with R, asking why', async () => {
    const ui = await renderApp({ initial: { view: 'ideas' } })
    const a = await ui.service.createTicket({
      project: 'TK',
      title: 'good idea',
      type: 'requirement',
    })
    const b = await ui.service.createTicket({
      project: 'TK',
      title: 'bad idea',
      type: 'requirement',
    })
    await ui.press('r')
    await ui.waitFor('bad idea [proposed]')
    await ui.press('R')
    await ui.waitFor(`why reject ${b.key}:`)
    await ui.press('out of scope', KEY.enter)
    await ui.waitFor(`rejected: ${b.key}`)
    await ui.waitFor('bad idea [rejected]')
    await ui.press('j', 'A')
    await ui.waitFor(`accepted: `)
    await ui.waitFor('good idea [accepted]')
    expect((await ui.service.getTicket(a.key)).review_status).toBe('accepted')
    expect((await ui.service.listComments(b.key)).map((c) => c.text).join()).toContain(
      'out of scope',
    )
  })
})
