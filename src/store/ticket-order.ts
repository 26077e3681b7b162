/**
 * @module Ticket lists in a chosen order, paged by keyset: the order's columns and the id, each
 * page going on after the previous page's last ticket, read through the order's index
 * (migration 10), so page 1,000 costs what page 1 does.
 */
import { type Expression, type SqlBool, sql } from 'kysely'
import type { SortOrder, TicketSort } from '../domain/ticket-sort.ts'
import type { TicketRow } from './tickets.ts'

type Column = { readonly sql: Expression<unknown>; readonly of: (t: TicketRow) => unknown }

const col = (name: keyof TicketRow): Column => ({
  sql: sql.ref(`t.${name}`),
  of: (t) => t[name],
})

/**
 * Each order's columns, as written in its index. An unassigned ticket sorts as an empty name,
 * so both dialects put it first (they order NULLs differently) and a keyset can compare it.
 */
const COLUMNS: Record<TicketSort, readonly Column[]> = {
  key: [col('seq')],
  title: [col('title')],
  type: [col('type')],
  status: [col('stage'), col('state')],
  assignee: [{ sql: sql`coalesce(t.assignee, '')`, of: (t) => t.assignee ?? '' }],
  priority: [col('priority')],
  updated_at: [col('updated_at')],
}

/** The ORDER BY terms of `sort`, the id last so the order is total. */
export function orderTerms(sort: TicketSort, order: SortOrder) {
  const dir = order === 'desc' ? sql`desc` : sql`asc`
  return [...COLUMNS[sort].map((c) => c.sql), sql.ref('t.id')].map((e) => sql`${e} ${dir}`)
}

/** The anchor ticket's values in `sort`'s columns and its id: what `afterAnchor` binds. */
export function anchorValues(sort: TicketSort, anchor: TicketRow): unknown[] {
  return [...COLUMNS[sort].map((c) => c.of(anchor)), anchor.id]
}

/**
 * Rows after the anchor in that order: one row-value comparison with `values`, the anchor's
 * (`anchorValues`) or the stand-ins of a query compiled once.
 */
export function afterAnchor(sort: TicketSort, order: SortOrder, values: readonly unknown[]) {
  const cols = [...COLUMNS[sort].map((c) => c.sql), sql.ref('t.id')]
  const op = order === 'desc' ? sql`<` : sql`>`
  return sql<SqlBool>`(${sql.join(cols)}) ${op} (${sql.join(values)})`
}
