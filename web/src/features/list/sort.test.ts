import { describe, expect, it } from 'vitest'
import type { Ticket } from '../../../../src/domain/ticket.ts'
import { sortTickets } from './sort.ts'

const t = (key: string, title: string, assignee: string | null = null) =>
  ({ key, title, assignee, priority: 3, updated_at: '' }) as Ticket

describe('sortTickets', () => {
  const list = [t('CUS-T-10', 'b'), t('CUS-B-2', 'c', 'zoe'), t('CUS-T-9', 'a', 'al')]
  it('orders keys by their sequence number, not as text', () => {
    expect(sortTickets(list, { by: 'key', desc: false }).map((x) => x.key)).toEqual([
      'CUS-B-2',
      'CUS-T-9',
      'CUS-T-10',
    ])
  })
  it('sorts descending and puts the unassigned first when ascending', () => {
    expect(sortTickets(list, { by: 'title', desc: true }).map((x) => x.title)).toEqual([
      'c',
      'b',
      'a',
    ])
    expect(sortTickets(list, { by: 'assignee', desc: false })[0]?.key).toBe('CUS-T-10')
  })
  it('leaves the input untouched', () => {
    sortTickets(list, { by: 'title', desc: false })
    expect(list[0]?.key).toBe('CUS-T-10')
  })
})
