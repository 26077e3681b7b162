import { describe, expect, it } from 'vitest'
import { KEY, renderApp, seed } from './render-app.tsx'

describe('Terminal UI details', () => {
  it('shows a refusal without advice only the command line can follow', async () => {
    // Wide enough that the whole line shows.
    const ui = await renderApp({ initial: { view: 'list' }, size: { columns: 160, rows: 30 } })
    const [blocker, blocked] = await seed(ui.service, ['blocker', 'blocked'])
    await ui.service.addDependency(blocked!, blocker!)
    await ui.press('r')
    await ui.waitFor(/▸.*blocked/)
    await ui.press('c')
    const f = await ui.waitFor('has unfinished dependencies')
    expect(f).toContain('finish them first')
    expect(f).not.toContain('-force')
  })

  it('clears the / prompt with Ctrl+U', async () => {
    const ui = await renderApp({ initial: { view: 'list' } })
    await seed(ui.service, ['findable'])
    await ui.press('r')
    await ui.waitFor('findable')
    await ui.press('/', 'nothing like it', '\x15', 'findable', KEY.enter)
    await ui.waitFor('filter: findable')
    expect(ui.frame()).toContain('findable')
    expect(ui.frame()).not.toContain('nothing like it')
  })
})
