import { describe, expect, it } from 'vitest'
import { parentCycles, projectFindings, ticketFindings } from './doctor.ts'
import type { Ticket } from './ticket.ts'

const t = (over: Partial<Ticket>): Ticket =>
  ({
    key: 'CUS-T-1',
    type: 'task',
    description: 'd',
    acceptance_criteria: 'ac',
    state: 'idle',
    stage: 'design',
    ready: true,
    assignee: null,
    parent_id: 'CUS-E-9',
    blocked: [],
    ...over,
  }) as Ticket

const stages = () => ['design', 'develop', 'test', 'done']

describe('projectFindings', () => {
  it('finds nothing in a tidy project', () => {
    expect(projectFindings([t({})], stages)).toEqual([])
  })
  it('groups each problem with the tickets concerned', () => {
    const found = projectFindings(
      [
        t({ key: 'A', description: '' }),
        t({ key: 'B', description: ' ', acceptance_criteria: '' }),
        t({ key: 'C', state: 'active' }),
        t({ key: 'D', ready: false }),
        t({ key: 'E', stage: 'triage' }),
      ],
      stages,
    )
    expect(found).toEqual([
      { level: 'warn', message: '2 tickets have no description', tickets: ['A', 'B'] },
      { level: 'warn', message: '1 ticket has no acceptance criteria', tickets: ['B'] },
      { level: 'warn', message: '1 active ticket has no assignee', tickets: ['C'] },
      { level: 'warn', message: '1 ticket is at a stage their workflow lacks', tickets: ['E'] },
      { level: 'info', message: '1 idle ticket is not marked ready', tickets: ['D'] },
    ])
  })
  it('does not expect parents to be assigned or ready', () => {
    const parent = t({ key: 'CUS-E-1', type: 'epic', state: 'active', ready: false })
    const child = t({ key: 'CUS-T-2', parent_id: 'CUS-E-1', state: 'active', assignee: 'a' })
    expect(projectFindings([parent, child], stages)).toEqual([])
  })
})

describe('ticketFindings', () => {
  const ctx = { hasWorkflow: true, stages: stages(), hasChildren: false }
  it('names each missing piece', () => {
    const f = ticketFindings(
      t({
        description: '',
        acceptance_criteria: '',
        parent_id: null,
        state: 'active',
        blocked: ['X'],
      }),
      { ...ctx, hasWorkflow: false },
    )
    expect(f.map((x) => x.message)).toEqual([
      'No description',
      'No acceptance criteria',
      'Orphan ticket (no parent)',
      'Active but no assignee',
      'No workflow (inherited or explicit)',
      'Blocked by X',
    ])
  })
  it('accepts an epic without a parent and a parent without an assignee', () => {
    expect(
      ticketFindings(t({ type: 'epic', parent_id: null, state: 'active' }), {
        ...ctx,
        hasChildren: true,
      }),
    ).toEqual([])
  })
})

describe('parentCycles', () => {
  it('finds the tickets on a cycle and nothing else', () => {
    const rows = [
      { id: 1, parent_id: 2 },
      { id: 2, parent_id: 3 },
      { id: 3, parent_id: 1 },
      { id: 4, parent_id: 1 },
      { id: 5, parent_id: null },
      { id: 6, parent_id: 6 },
    ]
    expect(parentCycles(rows)).toEqual([1, 2, 3, 6])
    expect(
      parentCycles([
        { id: 1, parent_id: null },
        { id: 2, parent_id: 1 },
      ]),
    ).toEqual([])
  })
})
