import { describe, expect, it } from 'vitest'
import { tempWorkspace } from '../support/workspace.ts'

type Entry = { id: number; ticket_key: string; minutes: number; note: string; user: string }

describe('tk time', () => {
  it('logs, lists, totals and deletes time', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'Fix login')
    const first = await ws.tk('time', 'log', '-id', 'TK-T-1', '-m', '30', '-note', 'morning')
    expect(first).toMatchObject({ code: 0, stdout: 'logged 30m on TK-T-1 (total 30m)\n' })
    const second = await ws.json<Entry>('time', 'log', '1', '60', 'pairing', 'session')
    expect(second).toMatchObject({ ticket_key: 'TK-T-1', minutes: 60, note: 'pairing session' })
    const list = await ws.tk('time', 'list', '1')
    expect(list.stdout).toMatch(
      /^ID\s+TIME\s+USER\s+DATE\s+NOTE\n1\s+30m\s+admin\s+\S+ \S+\s+morning\n/,
    )
    expect(list.stdout).toMatch(/2\s+1h\s+admin/)
    expect((await ws.tk('time', 'total', 'TK-T-1')).stdout).toBe(
      'TK-T-1: 1h 30m (90 min in 2 entries)\n',
    )
    expect(await ws.json('time', 'total', '1')).toEqual({
      ticket_key: 'TK-T-1',
      minutes: 90,
      total: 90,
      entries: 2,
      by_user: [{ user: 'admin', minutes: 90 }],
    })
    expect((await ws.tk('get', '1')).stdout).toMatch(/Time logged\s+: 1h 30m/)
    expect((await ws.tk('time', 'delete', '1')).stdout).toBe('deleted time entry 1\n')
    expect(await ws.json('time', 'rm', '-id', '2')).toEqual({ status: 'deleted', id: 2 })
    expect((await ws.tk('time', 'ls', '1')).stdout).toBe('no time entries\n')
    expect((await ws.tk('history', '1')).stdout).toMatch(/logged 30m \(morning\)/)
  })

  it('refuses bad minutes, unknown tickets and entries with clear errors', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'x')
    const zero = await ws.tk('time', 'log', '1', '-m', '0')
    expect(zero).toMatchObject({ code: 2, stderr: expect.stringMatching(/invalid minutes "0"/) })
    const words = await ws.tk('time', 'log', '1', '-m', 'half an hour')
    expect(words).toMatchObject({ code: 2, stderr: expect.stringMatching(/whole number/) })
    expect((await ws.tk('time', 'log', '1')).code).toBe(2)
    expect((await ws.tk('time', 'log', '-m', '5')).code).toBe(2)
    const missing = await ws.tk('time', 'log', 'TK-T-7', '-m', '5')
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringMatching(/TK-T-7 not found/) })
    const gone = await ws.tk('time', 'delete', '42')
    expect(gone).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/time entry 42 not found/),
    })
    expect((await ws.tk('time', 'delete', 'abc')).code).toBe(2)
    await ws.tk('close', '1')
    const closed = await ws.tk('time', 'log', '1', '-m', '5')
    expect(closed).toMatchObject({ code: 1, stderr: expect.stringMatching(/closed/) })
  })
})
