/**
 * @module The orders a ticket list can be read in, each served by an index so a keyset page
 * deep in it costs what the first does (docs/decisions/0041-bounded-graph-and-server-sorted-lists.md).
 */
import type { Ticket } from './ticket.ts'

/** The list's columns, and `updated_at` (newest change first) when none is asked for. */
export const TICKET_SORTS = [
  'key',
  'title',
  'type',
  'status',
  'assignee',
  'priority',
  'updated_at',
] as const
export type TicketSort = (typeof TICKET_SORTS)[number]
export type SortOrder = 'asc' | 'desc'

type Sortable = Pick<
  Ticket,
  'id' | 'key' | 'title' | 'type' | 'stage' | 'state' | 'assignee' | 'priority' | 'updated_at'
>

/**
 * A ticket's values in `sort`'s columns, then its id: the order the server pages in
 * (store/ticket-order.ts writes the same columns for SQL). The key orders by its number; an
 * unassigned ticket as an empty name.
 */
function sortValues(t: Sortable, sort: TicketSort): readonly (string | number)[] {
  switch (sort) {
    case 'key':
      return [Number(t.key.slice(t.key.lastIndexOf('-') + 1)), t.id]
    case 'status':
      return [t.stage, t.state, t.id]
    case 'assignee':
      return [t.assignee ?? '', t.id]
    default:
      return [t[sort], t.id]
  }
}

/** Compares two tickets as a list read in `sort` and `order` has them. */
export function compareTickets(sort: TicketSort, order: SortOrder) {
  const dir = order === 'desc' ? -1 : 1
  return (a: Sortable, b: Sortable): number => {
    const x = sortValues(a, sort)
    const y = sortValues(b, sort)
    for (let i = 0; i < x.length; i++) {
      const p = x[i] as string | number
      const q = y[i] as string | number
      if (p !== q) return (p < q ? -1 : 1) * dir
    }
    return 0
  }
}
