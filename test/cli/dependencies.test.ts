import { describe, expect, it } from 'vitest'
import { tempWorkspace } from '../support/workspace.ts'

type T = { key: string; status: string; blocked: string[] }

describe('tk dependency', () => {
  it('adds, lists and removes dependencies under every name', async () => {
    const ws = await tempWorkspace()
    for (const t of ['a', 'b', 'c']) await ws.tk('add', t)
    expect((await ws.tk('dependency', 'add', '-id', '1', '2')).stdout).toBe(
      'TK-T-1 depends on TK-T-2\n',
    )
    expect((await ws.tk('add-dependency', '1', 'TK-3')).stdout).toBe(
      'TK-T-1 depends on TK-T-2, TK-T-3\n',
    )
    expect((await ws.tk('dep', 'list', '2')).stdout).toMatch(
      /Depends on:\n {2}\(nothing\)\nBlocks:\n {2}○ TK-T-1/,
    )
    expect((await ws.tk('get', '1')).stdout).toMatch(/Blocked by\s+: TK-T-2, TK-T-3/)
    expect((await ws.tk('blocked')).stdout).toMatch(/TK-T-1\s+design\/idle\s+a\s+TK-T-2, TK-T-3/)
    expect((await ws.tk('remove-dependency', '1', '2,3')).stdout).toBe(
      'TK-T-1 has no dependencies\n',
    )
    expect((await ws.tk('blocked')).stdout).toBe('nothing is blocked\n')
    expect((await ws.tk('dep', 'rm', '1', '2')).code).toBe(1)
  })

  it('refuses self, cycles and unknown tickets; complete needs -force and records it', async () => {
    const ws = await tempWorkspace()
    for (const t of ['a', 'b']) await ws.tk('add', t)
    expect((await ws.tk('dep', 'add', '1', '1')).stderr).toMatch(/cannot depend on itself/)
    await ws.tk('dep', 'add', '1', '2')
    const cycle = await ws.tk('dep', 'add', '2', '1')
    expect(cycle).toMatchObject({ code: 1, stderr: expect.stringMatching(/cycle/) })
    expect((await ws.tk('dep', 'add', '1', 'TK-9')).code).toBe(1)
    await ws.tk('add', 'c')
    expect((await ws.tk('dep', 'add', '1', '3,TK-9')).code).toBe(1)
    expect(
      (await ws.json<{ depends_on: T[] }>('dep', 'list', '1')).depends_on.map((t) => t.key),
    ).toEqual(['TK-T-2'])
    expect((await ws.tk('dep', 'add', '1')).code).toBe(2)
    const refused = await ws.tk('complete', '1')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/unfinished dependencies: TK-T-2/)
    expect(refused.stderr).toMatch(/^hint: .*-force/m)
    expect((await ws.json<T>('complete', '1', '-force')).status).toBe('develop/idle')
    expect((await ws.tk('history', '1')).stdout).toMatch(/completed despite unfinished TK-T-2/)
  })

  it('keeps blocked tickets out of claim and next', async () => {
    const ws = await tempWorkspace()
    for (const t of ['blocked', 'blocker']) {
      await ws.tk('add', t)
    }
    await ws.tk('stage', '1', 'develop')
    await ws.tk('ready', '1')
    await ws.tk('dep', 'add', '1', '2')
    expect((await ws.tk('next')).stdout).toBe('nothing is ready to claim\n')
    expect((await ws.json<{ status: string }>('claim')).status).toBe('NO-WORK')
    const byKey = await ws.tk('claim', '1')
    expect(byKey.code).toBe(1)
    expect(byKey.stderr).toMatch(/^error: cannot claim TK-T-1: /)
    await ws.tk('stage', '2', 'done')
    expect((await ws.json<{ ticket: T }>('claim')).ticket.key).toBe('TK-T-1')
  })
})
