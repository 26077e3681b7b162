import type { Ticket } from '../../../../src/domain/ticket.ts'
import type { TicketSort } from '../../../../src/domain/ticket-sort.ts'

export const COLUMNS = [
  'key',
  'title',
  'type',
  'status',
  'assignee',
  'priority',
  'updated_at',
] as const satisfies readonly TicketSort[]
export type Column = (typeof COLUMNS)[number]
export type Sort = { readonly by: Column; readonly desc: boolean }

const seqOf = (key: string) => Number(key.split('-').pop())

const value = (t: Ticket, c: Column): string | number =>
  c === 'key' ? seqOf(t.key) : c === 'assignee' ? (t.assignee ?? '') : t[c]

/** A search's matches, which are read whole, sorted here; lists are sorted by the server. */
export function sortTickets(list: readonly Ticket[], s: Sort): Ticket[] {
  const dir = s.desc ? -1 : 1
  return list.toSorted((a, b) => {
    const x = value(a, s.by)
    const y = value(b, s.by)
    return (x < y ? -1 : x > y ? 1 : 0) * dir
  })
}
