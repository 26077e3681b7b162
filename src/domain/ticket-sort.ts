/**
 * @module The orders a ticket list can be read in, each served by an index so a keyset page
 * deep in it costs what the first does (docs/decisions/0041-bounded-graph-and-server-sorted-lists.md).
 */

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
