import { mkdirSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { openTmux } from '../support/tmux.ts'
import { tempWorkspace } from '../support/workspace.ts'

/*
 * The screens the README shows, checked on every run. With SCREENSHOTS=1 they are also
 * written to docs/screenshots/ (as text: what the terminal shows), so they are remade on
 * request and `npm test` never rewrites a tracked file.
 */
const OUT = new URL('../../docs/screenshots/', import.meta.url)

describe('terminal UI screenshots (tmux)', () => {
  it('draws the board, the list, a ticket and the workflows for the README', async () => {
    const ws = await tempWorkspace()
    await ws.tk('epic', 'Authentication')
    await ws.tk('add', 'Customers can reset their password', '-parent', 'TK-E-1')
    await ws.tk('bug', 'Reset token expires immediately', '-priority', '1')
    await ws.tk('add', 'Show the password rules on the form')
    await ws.tk('stage', 'TK-T-2', 'develop')
    await ws.tk('active', 'TK-T-2')
    await ws.tk('label', 'create', 'ui')
    await ws.tk('label', 'add', 'TK-T-4', 'ui')
    await ws.tk(
      'update',
      'TK-B-3',
      '-d',
      '## Steps\n\n1. Ask for a reset\n2. Open the link **at once**\n\nThe token is already `expired`.',
    )
    const t = openTmux(ws, ['-g'], {}, { columns: 120, rows: 32 })
    await t.waitFor('Recent activity')
    const shots: Record<string, string> = {}
    await t.send('3')
    shots.board = await t.waitFor('◑ TK-T-2')
    await t.send('2')
    shots.list = await t.waitFor(/List · 4 tickets/)
    await t.send('g', 'Enter')
    shots.detail = await t.waitFor('Steps')
    await t.send('Escape', '6', 'Enter')
    shots.workflows = await t.waitFor('4. done')
    expect(shots.board).toContain('Customers can reset')
    expect(shots.list).toContain('Reset token expires immediately')
    expect(shots.detail).toContain('1. Ask for a reset')
    expect(shots.workflows).toMatch(/▾ default \(4 stages\)[\s\S]*▸ yolo \(2 stages\)/)
    await t.send('q')
    await t.waitFor('TK-EXITED:0')
    if (process.env.SCREENSHOTS === '1') {
      mkdirSync(OUT, { recursive: true })
      for (const [name, screen] of Object.entries(shots))
        writeFileSync(new URL(`tui-${name}.txt`, OUT), `${screen.trimEnd()}\n`)
    }
  })
})
