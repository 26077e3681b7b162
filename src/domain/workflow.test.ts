import { describe, expect, it } from 'vitest'
import { TicketError } from './errors.ts'
import {
  invalidatedBy,
  mapLifecycle,
  normaliseStageName,
  normaliseWorkflowName,
  parseWorkflowExport,
} from './workflow.ts'

const DEFAULT = ['design', 'develop', 'test', 'done']

describe('mapLifecycle', () => {
  it('keeps a stage the new workflow also has', () => {
    expect(
      mapLifecycle({ stage: 'develop', state: 'active' }, DEFAULT, ['develop', 'review', 'done']),
    ).toEqual({ stage: 'develop', state: 'active' })
  })

  it('keeps a finished ticket finished, in the new final stage', () => {
    expect(mapLifecycle({ stage: 'done', state: 'success' }, DEFAULT, ['todo', 'shipped'])).toEqual(
      { stage: 'shipped', state: 'success' },
    )
  })

  it('steps back from a new final stage that cannot hold idle or active', () => {
    expect(mapLifecycle({ stage: 'test', state: 'idle' }, DEFAULT, ['design', 'test'])).toEqual({
      stage: 'design',
      state: 'idle',
    })
    expect(mapLifecycle({ stage: 'test', state: 'fail' }, DEFAULT, ['design', 'test'])).toEqual({
      stage: 'test',
      state: 'fail',
    })
  })

  it('starts again at the first stage when the stage is gone', () => {
    expect(mapLifecycle({ stage: 'test', state: 'active' }, DEFAULT, ['todo', 'done'])).toEqual({
      stage: 'todo',
      state: 'idle',
    })
  })

  it('a single-stage workflow holds only finished tickets', () => {
    expect(mapLifecycle({ stage: 'design', state: 'idle' }, DEFAULT, ['done'])).toEqual({
      stage: 'done',
      state: 'success',
    })
  })
})

describe('invalidatedBy', () => {
  const tickets = [
    { key: 'A', stage: 'todo', state: 'idle' as const },
    { key: 'B', stage: 'doing', state: 'active' as const },
    { key: 'C', stage: 'done', state: 'success' as const },
  ]
  it('names tickets whose stage is gone or whose stage turned final while unfinished', () => {
    expect(invalidatedBy(tickets, ['todo', 'doing', 'done'])).toEqual([])
    expect(invalidatedBy(tickets, ['doing', 'done']).map((t) => t.key)).toEqual(['A'])
    expect(invalidatedBy(tickets, ['todo', 'done', 'doing']).map((t) => t.key)).toEqual(['B'])
    expect(invalidatedBy(tickets, []).map((t) => t.key)).toEqual(['A', 'B', 'C'])
  })
})

describe('names', () => {
  it('accepts one-word names and refuses the rest', () => {
    expect(normaliseWorkflowName(' kanban ')).toBe('kanban')
    expect(normaliseStageName('Review')).toBe('review')
    for (const bad of ['', 'two words', '123', '-x'])
      expect(() => normaliseWorkflowName(bad)).toThrow(TicketError)
    for (const bad of ['a/b', '1st', 'idle', 'x'.repeat(33)])
      expect(() => normaliseStageName(bad)).toThrow(TicketError)
  })
})

describe('parseWorkflowExport', () => {
  it('reads the reference export shape and orders stages by sort_order', () => {
    expect(
      parseWorkflowExport({
        name: 'k',
        stages: [
          { stage_name: 'b', sort_order: 1, role: 'QA/Tester' },
          { stage_name: 'a', sort_order: 0 },
        ],
      }),
    ).toEqual({
      name: 'k',
      description: '',
      stages: [
        { stage_name: 'a', description: '', role: '', sort_order: 0 },
        { stage_name: 'b', description: '', role: 'QA/Tester', sort_order: 1 },
      ],
    })
  })

  it('refuses what is not a workflow export, saying what is wrong', () => {
    for (const bad of [null, [], { name: 1 }, { name: 'k' }, { name: 'k', stages: [{}] }])
      expect(() => parseWorkflowExport(bad)).toThrow(/not a workflow export/)
  })
})
