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
