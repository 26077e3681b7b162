import { describe, expect, it } from 'vitest'
import { KEY, renderApp } from './render-app.tsx'

const TO_DESCRIPTION = [KEY.tab, KEY.tab, KEY.tab, KEY.tab, KEY.tab]

describe('Multi-line fields in forms', () => {
  it('shows several lines, moves between them with ↑/↓ and scrolls', async () => {
    const ui = await renderApp({ initial: { view: 'list' } })
    await ui.press('n')
    await ui.waitFor('New ticket in TK')
    await ui.press('multi', ...TO_DESCRIPTION)
    await ui.press('line one', KEY.enter, 'line two', KEY.enter, 'line three')
    // All three lines are on screen at once, not only the cursor's.
    await ui.waitFor((f) => f.includes('line one') && f.includes('line two'))
    await ui.press(KEY.up, KEY.up, 'X')
    await ui.waitFor('line oneX')
    // ↑ on the first line leaves the field; ↓ comes back into it, where the cursor was, and
    // keeps its column from line to line.
    await ui.press(KEY.up, KEY.down, KEY.down, KEY.down, 'Y', KEY.ctrlS)
    await ui.waitFor('created ○ TK-T-1')
    expect((await ui.service.getTicket('TK-T-1')).description).toBe(
      'line oneX\nline two\nline thrYee',
    )
  })

  it('scrolls a long text so the cursor line stays in view', async () => {
    const ui = await renderApp({ initial: { view: 'list' } })
    await ui.press('n')
    await ui.waitFor('New ticket in TK')
    await ui.press('long', ...TO_DESCRIPTION)
    for (let i = 1; i <= 12; i++) await ui.press(`row ${i}`, ...(i < 12 ? [KEY.enter] : []))
    await ui.waitFor('row 12')
    expect(ui.frame()).not.toMatch(/row 1(?!\d)/)
    await ui.press(...Array(11).fill(KEY.up))
    await ui.waitFor((f) => /row 1(?!\d)/.test(f) && !f.includes('row 12'))
  })

  it('asks before Esc throws away a changed draft', async () => {
    const ui = await renderApp({ initial: { view: 'list' } })
    await ui.waitFor('List · 0 tickets')
    await ui.press('n')
    await ui.waitFor('New ticket in TK')
    // Nothing typed: Esc closes at once.
    await ui.press(KEY.esc)
    await ui.waitFor('List · 0 tickets')
    await ui.press('n')
    await ui.waitFor('New ticket in TK')
    await ui.press('a draft', KEY.esc)
    await ui.waitFor('Discard the changes? (y/n)')
    await ui.press('n')
    await ui.waitFor('a draft')
    await ui.press(' kept', KEY.ctrlS)
    await ui.waitFor('created ○ TK-T-1 design/idle  a draft kept')
    await ui.press('n')
    await ui.waitFor('New ticket in TK')
    await ui.press('gone', KEY.esc)
    await ui.waitFor('Discard the changes')
    await ui.press('y')
    await ui.waitFor(/List · 1 ticket(?!s)/)
    expect((await ui.service.listTickets({ project: 'TK' })).length).toBe(1)
  })
})
