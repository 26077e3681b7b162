import { describe, expect, it } from 'vitest'
import { tempWorkspace } from '../support/workspace.ts'

describe('tk -g without a terminal', () => {
  it('says it needs a terminal and exits 1, for -g, --gui and gui', async () => {
    const ws = await tempWorkspace()
    for (const args of [['-g'], ['--gui'], ['gui'], ['gui', '-theme', 'dracula']]) {
      const r = await ws.tk(...args)
      expect(r.code, args.join(' ')).toBe(1)
      expect(r.stdout).toBe('')
      expect(r.stderr).toBe(
        'error: the terminal UI needs a terminal\nhint: run tk -g in an interactive terminal; for plain output use tk ls\n',
      )
    }
  })

  it('treats gui inside a title as a word', async () => {
    const ws = await tempWorkspace()
    const r = await ws.tk('add', 'gui')
    expect(r.code).toBe(0)
    expect((await ws.json<{ title: string }>('get', r.stdout.trim())).title).toBe('gui')
  })
})

describe('tk edit', () => {
  it('without a terminal says so and points at tk update; with fields it updates', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'Old title')
    const r = await ws.tk('edit', 'TK-T-1')
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(
      'error: tk edit opens a form in the terminal UI, which needs a terminal\n' +
        'hint: to change a ticket without one, give the fields: tk update TK-T-1 -title "New title" -p 1 (tk update -h lists them)\n',
    )
    const u = await ws.tk('edit', 'TK-T-1', '-title', 'New title')
    expect(u.code).toBe(0)
    expect((await ws.json<{ title: string }>('get', 'TK-T-1')).title).toBe('New title')
  })
})
