import type { Ticket } from '../../../../src/domain/ticket.ts'
import {
  compareTickets,
  TICKET_SORTS,
  type TicketSort,
} from '../../../../src/domain/ticket-sort.ts'

/** The list's columns: each one an order the server can page by. */
export const COLUMNS = TICKET_SORTS
export type Column = TicketSort
export type Sort = { readonly by: Column; readonly desc: boolean }

/** A search's matches, which are read whole, sorted here as the server sorts a list. */
export const sortTickets = (list: readonly Ticket[], s: Sort): Ticket[] =>
  list.toSorted(compareTickets(s.by, s.desc ? 'desc' : 'asc'))
