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

  it('renders Markdown in the detail and wraps a long title to be read in full', async () => {
    const ui = await renderApp({ initial: { view: 'list' }, size: { columns: 60, rows: 30 } })
    await ui.service.createTicket({
      project: 'TK',
      title: 'A title far too long for one line of a sixty-column terminal, ending here',
      description: '## Why\n\nIt **matters** because:\n\n- speed\n- clarity\n\n```\nnpm test\n```',
    })
    await ui.press('r')
    await ui.waitFor('TK-T-1')
    await ui.press(KEY.enter)
    const f = await ui.waitFor('Description')
    expect(f).toContain('ending here')
    expect(f).toMatch(/^\s+Why\s*$/m)
    expect(f).toContain('It matters because:')
    expect(f).toMatch(/• speed\n\s+• clarity/)
    expect(f).toMatch(/^\s+npm test\s*$/m)
    expect(f).not.toContain('**')
    expect(f).not.toContain('```')
  })

  it('says so when a live comment arrives below the fold', async () => {
    const ui = await renderApp({ initial: { view: 'list' }, size: { columns: 80, rows: 16 } })
    const t = await ui.service.createTicket({
      project: 'TK',
      title: 'Talked about',
      description: Array.from({ length: 20 }, (_, i) => `paragraph ${i}`).join('\n\n'),
    })
    await ui.press('r')
    await ui.waitFor('Talked about')
    await ui.press(KEY.enter)
    await ui.waitFor('paragraph 0')
    await ui.service.addComment(t.key, 'a new word')
    await ui.press('r')
    await ui.waitFor('new comment below')
    await ui.press('G')
    await ui.waitFor((f) => f.includes('a new word') && !f.includes('new comment below'))
  })
})
