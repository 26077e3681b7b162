import type { Ticket } from '../../../../src/domain/ticket.ts'
import { TICKET_SORTS, type TicketSort } from '../../../../src/domain/ticket-sort.ts'

/** The list's columns: each one an order the server can page by. */
export const COLUMNS = TICKET_SORTS
export type Column = TicketSort
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
