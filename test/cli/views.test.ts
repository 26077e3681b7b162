import { describe, expect, it } from 'vitest'
import { tempWorkspace } from '../support/workspace.ts'

type Board = {
  project: string
  workflow: string
  lanes: { stage: string; tickets: { key: string }[] }[]
}

describe('tk board, count and summary', () => {
  it('draws one lane per stage side by side within the width', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'A title long enough to be cut at the lane edge for sure, really')
    await ws.tk('add', 'Second')
    await ws.tk('stage', '2', 'develop')
    const r = await ws.tk('board')
    expect(r.code).toBe(0)
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^DESIGN \(1\)\s+DEVELOP \(1\)\s+TEST \(0\)\s+DONE \(0\)$/)
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(120)
    expect(r.stdout).toMatch(/○ TK-T-1\s+○ TK-T-2\s+\(empty\)\s+\(empty\)/)
    expect(r.stdout).toMatch(/…/)
    const b = await ws.json<Board>('board')
    expect(b.lanes.map((l) => [l.stage, l.tickets.map((t) => t.key)])).toEqual([
      ['design', ['TK-T-1']],
      ['develop', ['TK-T-2']],
      ['test', []],
      ['done', []],
    ])
    await ws.tk('add', 'Third')
    const limited = await ws.tk('board', '-n', '1')
    expect(limited.stdout).toMatch(/^DESIGN \(2\)/)
    expect(limited.stdout).toMatch(/^… 1 more/m)
    expect((await ws.tk('board', '-n', '-1')).code).toBe(2)
    await ws.tk('rm', '3')
    await ws.tk('close', '2')
    expect((await ws.json<Board>('board')).lanes[1]?.tickets).toEqual([])
    expect((await ws.json<Board>('board', '-a')).lanes[1]?.tickets).toHaveLength(1)
  })

  it('counts tickets per type and status, everywhere or in one project', async () => {
    const ws = await tempWorkspace()
    await ws.tk('epic', 'E')
    await ws.tk('add', 'T')
    await ws.tk('active', '2')
    const r = await ws.tk('count')
    expect(r.stdout).toMatch(
      /^users\s+: 1\nagents\s+: 0\nprojects\s+: 1\n\nepics\s+: 1 {2}\(1 design\/idle\)\ntasks\s+: 1 {2}\(1 design\/active\)\n$/,
    )
    const one = await ws.json<{ project: string; projects?: number }>('count', 'TK')
    expect(one.project).toBe('TK')
    expect(one.projects).toBeUndefined()
    expect((await ws.tk('count', 'NOPE')).code).toBe(1)
  })

  it('summarises the day: project, open counts, active work, next up and activity', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'Working on it')
    await ws.tk('active', '1')
    await ws.tk('bug', 'Ready to go')
    await ws.tk('stage', '2', 'develop')
    await ws.tk('ready', '2')
    const r = await ws.tk('summary')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^project\s+: TK — Default Project$/m)
    expect(r.stdout).toMatch(/^open tickets\s+: 2 open {2}\(1 task, 1 bug\)$/m)
    expect(r.stdout).toMatch(
      /^active\s+: 1 in progress\n\s+TK-T-1\s+: Working on it\s+design {2}admin$/m,
    )
    expect(r.stdout).toMatch(/^next up\s+: \n\s+TK-B-2\s+: ○ {2}Ready to go/m)
    expect(r.stdout).toMatch(/^activity/m)
    expect(r.stdout).toMatch(/^database\s+: .*ticket\.db$/m)
    const s = await ws.json<{
      active: { key: string }[]
      next: { key: string }[]
      workspace: object
    }>('summary')
    expect(s.active.map((t) => t.key)).toEqual(['TK-T-1'])
    expect(s.next.map((t) => t.key)).toEqual(['TK-B-2'])
    expect(s.workspace).toHaveProperty('database')
  })

  it('lists orphans and draws the tree', async () => {
    const ws = await tempWorkspace()
    await ws.tk('epic', 'Auth')
    await ws.tk('add', 'Login', '-parent', '1')
    await ws.tk('add', 'Loose end')
    expect((await ws.tk('orphans')).stdout).toMatch(/TK-T-3[\s\S]*Loose end/)
    expect((await ws.tk('orphans')).stdout).not.toMatch(/TK-T-2/)
    expect((await ws.tk('tree')).stdout).toMatch(
      /├─ ○ TK-E-1 {2}design\/idle {2}Auth\n│ {2}└─ ○ TK-T-2/,
    )
  })
})
