import { describe, expect, it } from 'vitest'
import { tempWorkspace } from '../support/workspace.ts'

type T = {
  key: string
  clone_of: string | null
  parent_id: string | null
  health_score: number | null
}

describe('tk clone and tk health', () => {
  it('clones a ticket with its subtree', async () => {
    const ws = await tempWorkspace()
    await ws.tk('epic', 'Auth', '-ac', 'secure')
    await ws.tk('add', 'Login', '-parent', '1', '-estimate-effort', '3')
    const r = await ws.tk('clone', '1')
    expect(r).toMatchObject({
      code: 0,
      stdout: '○ TK-E-3  design/idle  Auth\n  clone_of: TK-E-1\n',
    })
    const child = await ws.json<T>('get', 'TK-T-4')
    expect(child).toMatchObject({ clone_of: 'TK-T-2', parent_id: 'TK-E-3' })
    expect((await ws.json<T>('cp', '-id', '2')).clone_of).toBe('TK-T-2')
    expect((await ws.tk('get', '4')).stdout).toMatch(/Clone of\s+: TK-T-2/)
    expect((await ws.tk('clone')).code).toBe(2)
    expect((await ws.tk('clone', 'TK-T-99')).code).toBe(1)
  })

  it('scores health, sets it by hand, and scores a whole project', async () => {
    const ws = await tempWorkspace()
    await ws.tk('epic', 'Auth')
    await ws.tk('add', 'Login', '-parent', '1', '-ac', 'works')
    await ws.tk('comment', '2', 'Reviewed: approved')
    const r = await ws.tk('health', '2')
    expect(r.stdout).toBe(
      [
        'TICKET HEALTH  TK-T-2',
        'score: 1.00 (4/4)',
        'not_an_orphan: true',
        'has_acceptance_criteria: true',
        'reviewed_by_reviewer_agent: true',
        'definition_of_ready: true',
        '',
      ].join('\n'),
    )
    expect((await ws.json<T>('get', '2')).health_score).toBe(4)
    expect((await ws.tk('health', '-id', '2', '1')).stdout).toBe('TK-T-2 health: 1/4\n')
    expect((await ws.json<T>('health', '2', '-score', '3')).health_score).toBe(3)
    const bad = await ws.tk('health', '2', '7')
    expect(bad).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/invalid health score "7"/),
    })
    expect((await ws.tk('health', '2', 'high')).code).toBe(2)
    const all = await ws.tk('health', 'execute')
    expect(all.stdout).toBe('TICKET HEALTH EXECUTE\ntickets: 2\nTK-E-1\t0.50\nTK-T-2\t1.00\n')
    await ws.tk('close', '2')
    expect((await ws.tk('health', '2')).stderr).toMatch(/closed/)
  })
})
