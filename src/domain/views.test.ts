import { describe, expect, it } from 'vitest'
import type { Ticket } from './ticket.ts'
import { statusOrder, toLanes, toTypeCounts } from './views.ts'

const t = (key: string, stage: string, priority = 3, created_at = '2026-01-01') =>
  ({ key, stage, priority, sort_order: 0, created_at }) as Ticket

describe('toLanes', () => {
  it('makes one lane per stage in order, sorted by priority then age', () => {
    const lanes = toLanes(
      ['design', 'develop', 'done'],
      [
        t('A', 'develop', 3),
        t('B', 'develop', 1),
        t('C', 'design', 3, '2026-01-02'),
        t('D', 'design', 3),
      ],
    )
    expect(lanes.map((l) => [l.stage, l.tickets.map((x) => x.key)])).toEqual([
      ['design', ['D', 'C']],
      ['develop', ['B', 'A']],
      ['done', []],
    ])
  })
  it('adds a lane for a stage the workflow lacks instead of hiding its tickets', () => {
    const lanes = toLanes(['design'], [t('A', 'triage')])
    expect(lanes.map((l) => l.stage)).toEqual(['design', 'triage'])
  })
})

describe('toTypeCounts', () => {
  it('orders types as declared and statuses by stage then state', () => {
    const counts = toTypeCounts([
      { type: 'bug', status: 'done/success', n: 1 },
      { type: 'task', status: 'develop/idle', n: 2 },
      { type: 'task', status: 'design/active', n: 1 },
      { type: 'task', status: 'design/idle', n: 4 },
    ])
    expect(counts.map((c) => c.type)).toEqual(['task', 'bug'])
    expect(counts[0]).toEqual({
      type: 'task',
      total: 7,
      statuses: { 'design/idle': 4, 'design/active': 1, 'develop/idle': 2 },
    })
    expect(Object.keys(counts[0]!.statuses)).toEqual([
      'design/idle',
      'design/active',
      'develop/idle',
    ])
  })
  it('puts custom stages after the default ones', () => {
    expect(['zeta/idle', 'done/fail', 'alpha/idle'].sort(statusOrder)).toEqual([
      'done/fail',
      'alpha/idle',
      'zeta/idle',
    ])
  })
})
