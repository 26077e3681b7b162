import { describe, expect, it } from 'vitest'
import { laneStages, statusOrder, toTypeCounts } from './views.ts'

describe('laneStages', () => {
  it('keeps the workflow order and adds a lane for a stage it lacks instead of hiding tickets', () => {
    expect(laneStages(['design', 'develop'], ['develop', 'triage'])).toEqual([
      'design',
      'develop',
      'triage',
    ])
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
