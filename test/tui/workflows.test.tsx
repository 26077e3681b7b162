import { describe, expect, it } from 'vitest'
import { KEY, renderApp } from './render-app.tsx'

describe('Workflows view', () => {
  it('shows a refused change on the status row and keeps the stage', async () => {
    const ui = await renderApp({ initial: { view: 'workflows' } })
    await ui.service.createTicket({ project: 'TK', title: 'Stands in design' })
    await ui.waitFor('▸ default (4 stages)')
    await ui.press(KEY.enter, 'j', 'x')
    await ui.waitFor(/error: .*design/)
    expect(ui.frame()).toContain('1. design')
    expect((await ui.service.getWorkflow('default')).stages.map((s) => s.name)).toEqual([
      'design',
      'develop',
      'test',
      'done',
    ])
  })

  it('says the first stage is already first, and lists its keys under ?', async () => {
    const ui = await renderApp({ initial: { view: 'workflows' }, size: { columns: 130, rows: 60 } })
    await ui.waitFor('▸ default (4 stages)')
    await ui.press(KEY.enter, 'j', 'K')
    await ui.waitFor('design is already first')
    await ui.press('?')
    const help = await ui.waitFor('Keys — any key closes this')
    for (const words of ['move the stage up', 'add a stage to the workflow', 'new workflow'])
      expect(help).toContain(words)
  })
})
