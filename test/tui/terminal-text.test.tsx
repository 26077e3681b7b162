import { describe, expect, it } from 'vitest'
import { displayWidth } from '../../src/domain/display-width.ts'
import { KEY, renderApp } from './render-app.tsx'

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /\x1b\]|\x1b\[2J|\x07|\r/

describe('ticket text in the terminal UI', () => {
  it('shows control characters in titles, descriptions and comments instead of obeying them', async () => {
    const ui = await renderApp({ initial: { view: 'list' } })
    const t = await ui.service.createTicket({
      project: 'TK',
      title: 'Fix \x1b]0;pwned\x07login\x1b[2J',
      description: 'see \x1b]8;;https://evil.example\x1b\\here\x1b]8;;\x1b\\\rfake',
    })
    await ui.service.addComment(t.key, 'ok \x9b31mred')
    await ui.press('r')
    await ui.waitFor('Fix ␛]0;pwned␇login␛[2J')
    expect(ui.frame()).not.toMatch(CONTROL)
    await ui.press(KEY.enter)
    await ui.waitFor('see ␛]8;;https://evil.example␛\\here␛]8;;␛\\␍fake')
    await ui.waitFor('ok ␛[31mred')
    expect(ui.frame()).not.toMatch(CONTROL)
  })

  it('fits rows with wide characters to the screen without a stray "…"', async () => {
    const ui = await renderApp({ initial: { view: 'list' }, size: { columns: 100, rows: 20 } })
    await ui.service.createTicket({ project: 'TK', title: '✅ 修复登录问题 done' })
    await ui.service.createTicket({ project: 'TK', title: 'plain title' })
    await ui.press('r')
    await ui.waitFor('修复登录问题 done')
    const rows = ui
      .frame()
      .split('\n')
      .filter((l) => l.includes('TK-T-'))
    expect(rows).toHaveLength(2)
    for (const row of rows) {
      expect(row).not.toMatch(/…\s*$/)
      expect(displayWidth(row)).toBeLessThanOrEqual(100)
    }
  })
})
