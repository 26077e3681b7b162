/**
 * @module The list's cached pages (api/list.ts) changed by one ticket: no requests here but a
 * search's, so live events are applied without a server.
 */
import type { InfiniteData, QueryClient, QueryKey } from '@tanstack/react-query'
import type { Ticket } from '../../../src/domain/ticket.ts'
import { compareTickets } from '../../../src/domain/ticket-sort.ts'
import { keys } from './keys.ts'
import type { TicketFilter } from './types.ts'

/** Rows fetched at once: a few screens of the list. */
export const LIST_PAGE = 200

/** The filter and order a cached list was read with (the third part of its query key). */
type ListFilter = TicketFilter & { q?: string }
type Pages = InfiniteData<Ticket[], string>

/** The parts of a list's filter that tell here whether it shows a ticket. */
const KNOWN = new Set(['type', 'assignee', 'label', 'closed', 'sort', 'order', 'limit'])

/**
 * Whether a list read with `f` shows `t`, as the server filters it; undefined when only the
 * server can tell (words, or a part of the filter not read here).
 */
export function listShows(f: ListFilter, t: Ticket): boolean | undefined {
  if (f.q?.trim() || Object.keys(f).some((k) => !KNOWN.has(k))) return undefined
  if (t.archived || (!t.open && !f.closed)) return false
  if (f.type !== undefined && t.type !== f.type) return false
  if (f.assignee !== undefined && t.assignee !== f.assignee) return false
  if (f.label !== undefined && !t.labels.includes(f.label.trim().toLowerCase())) return false
  return true
}

/**
 * The pages with `t` in its place in the list's order. A place after the last loaded row is
 * taken only when no page follows; otherwise the next page read brings it, since a page goes
 * on after the last row's key (`after=`).
 */
export function placeInPages(old: Pages, t: Ticket, f: ListFilter, pageSize = LIST_PAGE): Pages {
  const sort = f.sort ?? 'updated_at'
  const before = compareTickets(sort, f.order ?? (f.sort === undefined ? 'desc' : 'asc'))
  for (const [n, page] of old.pages.entries()) {
    const i = page.findIndex((row) => before(t, row) < 0)
    if (i !== -1) return { ...old, pages: old.pages.with(n, page.toSpliced(i, 0, t)) }
  }
  const last = old.pages.at(-1)
  if (!last || last.length >= pageSize) return old
  return { ...old, pages: old.pages.with(-1, [...last, t]) }
}

/**
 * A changed ticket replaces its row in every loaded list; a new one takes its place in the
 * order of each list whose filter it matches, and a search (ranked by the server) is read again.
 */
export function applyToLists(qc: QueryClient, ticket: Ticket, created: boolean) {
  const prefix = ticket.project_prefix
  const cached = qc.getQueriesData<Pages | number>({ queryKey: keys.lists(prefix) })
  for (const [key, old] of cached) {
    if (!old || typeof old === 'number') continue
    const found = old.pages.some((page) => page.some((t) => t.key === ticket.key))
    if (found) {
      qc.setQueryData<Pages>(key, {
        ...old,
        pages: old.pages.map((page) => page.map((t) => (t.key === ticket.key ? ticket : t))),
      })
      continue
    }
    if (!created) continue
    const filter = filterOf(key)
    const shows = listShows(filter, ticket)
    if (shows === undefined) void qc.invalidateQueries({ queryKey: key, exact: true })
    else if (shows) qc.setQueryData<Pages>(key, placeInPages(old, ticket, filter))
  }
  // A list whose filter no longer matches is corrected on its next use, not refetched now.
  void qc.invalidateQueries({ queryKey: keys.lists(prefix), refetchType: 'none' })
}

const filterOf = (key: QueryKey): ListFilter => (key[2] ?? {}) as ListFilter
