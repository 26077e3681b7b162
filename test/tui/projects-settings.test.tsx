import { describe, expect, it } from 'vitest'
import { THEMES } from '../../src/tui/themes.ts'
import { KEY, renderApp } from './render-app.tsx'

describe('Projects view', () => {
  it('marks the active project and switches with Enter, saving the choice', async () => {
    const ui = await renderApp({ initial: { view: 'projects' } })
    await ui.service.createProject({ prefix: 'CUS', title: 'Customer Portal' })
    await ui.press('r')
    await ui.waitFor('Customer Portal')
    expect(ui.frame()).toMatch(/● TK\s+Default Project/)
    await ui.press('j', KEY.enter)
    await ui.waitFor('using project CUS')
    expect(ui.frame()).toMatch(/● CUS\s+Customer Portal/)
    expect(ui.frame()).toContain('CUS · Customer Portal')
    await ui.waitFor(() => ui.saved.some((p) => p.project === 'CUS'))
  })

  it('creates a project with n and edits one with e', async () => {
    const ui = await renderApp({ initial: { view: 'projects' } })
    await ui.waitFor('Default Project')
    await ui.press('n')
    await ui.waitFor('New project')
    await ui.press('OPS', KEY.tab, 'Operations', KEY.ctrlS)
    await ui.waitFor('created project OPS; using it')
    await ui.waitFor(/● OPS\s+Operations/)
    await ui.press('g', 'e')
    await ui.waitFor('Edit project TK')
    await ui.press(KEY.tab, ' Runs the servers', KEY.ctrlS)
    await ui.waitFor('saved project TK')
    expect((await ui.service.getProject('TK')).description).toContain('Runs the servers')
  })
})

describe('Settings view', () => {
  it('lists every theme, previews on move, keeps one with Enter and persists it', async () => {
    const ui = await renderApp({ initial: { view: 'settings' }, size: { columns: 100, rows: 30 } })
    await ui.waitFor('Settings')
    for (const t of THEMES) expect(ui.frame()).toContain(t.name)
    expect(ui.frame()).toMatch(/▸ ● The Grey/)
    await ui.press('j')
    await ui.waitFor(/▸ ○ Deep Dark Green/)
    await ui.press(KEY.enter)
    await ui.waitFor('theme: Deep Dark Green')
    expect(ui.frame()).toMatch(/● Deep Dark Green/)
    await ui.waitFor(() => ui.saved.at(-1)?.tui?.theme === 'deep-dark-green')
  })

  it('cycles themes with t from any view', async () => {
    const ui = await renderApp({ initial: { view: 'list', theme: 'k-pop' } })
    await ui.press('t')
    await ui.waitFor('theme: Dracula')
    await ui.waitFor(() => ui.saved.at(-1)?.tui?.theme === 'dracula')
  })

  it('toggles remembering the session with P', async () => {
    const ui = await renderApp({ initial: { view: 'settings' } })
    await ui.waitFor('● remember view')
    await ui.press('P')
    await ui.waitFor('○ remember view')
    await ui.waitFor(() => ui.saved.at(-1)?.tui?.persist === false)
  })
})
