import { describe, expect, it } from 'vitest'
import type { Ticket } from '../../../../src/domain/ticket.ts'
import { parseDropId } from '../board/state-targets.tsx'
import { matches } from './use-filters.ts'

const t = {
  key: 'CUS-B-7',
  title: 'Login fails',
  type: 'bug',
  assignee: null,
  labels: ['auth'],
} as unknown as Ticket
const none = { type: '', assignee: '', label: '', q: '' }

describe('board filters', () => {
  it('matches on type, label and words in the title or key, case-insensitively', () => {
    expect(matches(t, none)).toBe(true)
    expect(matches(t, { ...none, type: 'bug', label: 'auth', q: 'LOGIN' })).toBe(true)
    expect(matches(t, { ...none, q: 'cus-b-7' })).toBe(true)
    expect(matches(t, { ...none, type: 'task' })).toBe(false)
    expect(matches(t, { ...none, label: 'ui' })).toBe(false)
  })
  it('finds unassigned tickets with the assignee "-"', () => {
    expect(matches(t, { ...none, assignee: '-' })).toBe(true)
    expect(matches(t, { ...none, assignee: 'alice' })).toBe(false)
  })
})

describe('board drop targets', () => {
  it('reads a lane or a lane and state from a drop id', () => {
    expect(parseDropId('develop')).toEqual({ stage: 'develop' })
    expect(parseDropId('develop::fail')).toEqual({ stage: 'develop', state: 'fail' })
  })
})
