import { describe, expect, it } from 'vitest'
import { openTmux } from '../support/tmux.ts'
import { tempWorkspace } from '../support/workspace.ts'

describe('tk edit KEY in a real terminal (tmux)', () => {
  it('opens the edit form on that ticket, saves with Ctrl+S and ends with what it did', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'First ticket')
    await ws.tk('add', 'Second ticket', '-d', 'As it was')
    const t = openTmux(ws, ['edit', 'TK-T-1'])
    await t.waitFor((s) => s.includes('Edit TK-T-1') && s.includes('First ticket'))
    await t.type(' renamed')
    await t.send('C-s')
    const after = await t.waitFor('TK-EXITED:0')
    // Back on the main screen, with the form's own words.
    expect(t.format('#{alternate_on}')).toBe('0')
    expect(after).toMatch(/saved .*TK-T-1/)
    expect((await ws.json<{ title: string }>('get', 'TK-T-1')).title).toBe('First ticket renamed')
  })

  it('leaves the ticket as it was on Esc, and refuses a ticket that is not there', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'Kept')
    const t = openTmux(ws, ['edit', '1'])
    await t.waitFor('Edit TK-T-1')
    await t.send('Escape')
    expect(await t.waitFor('TK-EXITED:0')).toContain('left TK-T-1 as it was')

    const missing = openTmux(ws, ['edit', 'TK-T-9'])
    const s = await missing.waitFor('TK-EXITED:')
    expect(s).toMatch(/error: .*TK-T-9/)
    expect(s).toContain('TK-EXITED:1')
  })
})
