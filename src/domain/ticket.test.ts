import { describe, expect, it } from 'vitest'
import { normalisePrefix } from './project.ts'
import {
  assigneeLabel,
  canBeParentOf,
  normaliseTitle,
  parsePriority,
  parseTicketType,
  TICKET_TYPES,
} from './ticket.ts'
import { formatTicketKey, parseTicketRef } from './ticket-key.ts'

describe('ticket keys', () => {
  it('formats PREFIX-CODE-SEQ', () => {
    expect(formatTicketKey('CUS', 'task', 42)).toBe('CUS-T-42')
    expect(formatTicketKey('CUS', 'story', 7)).toBe('CUS-Y-7')
  })
  it('parses keys, prefix-sequence and bare numbers in any case', () => {
    expect(parseTicketRef('cus-t-42')).toEqual({ kind: 'key', key: 'CUS-T-42' })
    expect(parseTicketRef(' CUS-42 ')).toEqual({ kind: 'seq', prefix: 'CUS', seq: 42 })
    expect(parseTicketRef('42')).toEqual({ kind: 'local', seq: 42 })
    expect(() => parseTicketRef('CUS-T-')).toThrow(/not a ticket reference/)
    expect(() => parseTicketRef('1; DROP TABLE tickets')).toThrow()
  })
})

describe('ticket rules', () => {
  it('follows the parent table', () => {
    expect(canBeParentOf('epic', 'story')).toBe(true)
    expect(canBeParentOf('task', 'bug')).toBe(true)
    expect(canBeParentOf('task', 'epic')).toBe(false)
    for (const t of TICKET_TYPES.filter((t) => t !== 'epic' && t !== 'task'))
      expect(canBeParentOf(t, 'task')).toBe(false)
  })
  it('validates titles, types and priorities', () => {
    expect(normaliseTitle('  a   b ')).toBe('a b')
    expect(() => normaliseTitle('   ')).toThrow(/title is required/)
    expect(() => normaliseTitle('x'.repeat(501))).toThrow(/500/)
    expect(parseTicketType('BUG')).toBe('bug')
    expect(() => parseTicketType('saga')).toThrow(/invalid ticket type/)
    expect(parsePriority('1')).toBe(1)
    expect(() => parsePriority('0')).toThrow()
    expect(() => parsePriority('1.5')).toThrow()
  })
  it('validates prefixes', () => {
    expect(normalisePrefix('cus')).toBe('CUS')
    for (const bad of ['C', 'CUSTOM', 'C1', 'C-S', ''])
      expect(() => normalisePrefix(bad)).toThrow(/2 to 5 letters/)
  })
})

describe('assigneeLabel', () => {
  it('names an agent with its UUID beside, and a user by username alone', () => {
    const uuid = 'cf7d91e5-0000-4000-8000-000000000000'
    expect(assigneeLabel({ assignee: uuid, assignee_name: 'Build bot' })).toBe(
      `Build bot (${uuid})`,
    )
    expect(assigneeLabel({ assignee: 'alice', assignee_name: 'alice' })).toBe('alice')
    expect(assigneeLabel({ assignee: null, assignee_name: null })).toBe('-')
  })
})
