/**
 * @module The list's data: pages of the project's tickets in the server's order (newest change
 * first), read with keyset paging (`after=`) as the list is scrolled, and the number of
 * matches; a full-text search is read whole, best match first.
 */
import {
  type InfiniteData,
  type QueryClient,
  useInfiniteQuery,
  useQuery,
} from '@tanstack/react-query'
import type { Ticket } from '../../../src/domain/ticket.ts'
import { keys } from './keys.ts'
import { BOARD_LIMIT } from './queries.ts'
import { service } from './service.ts'
import type { TicketFilter } from './types.ts'

/** Rows fetched at once: a few screens of the list. */
export const LIST_PAGE = 200

type ListFilter = TicketFilter & { q?: string }

export function useTicketPages(prefix: string, filter: ListFilter) {
  return useInfiniteQuery({
    queryKey: keys.list(prefix, filter),
    initialPageParam: '',
    queryFn: ({ pageParam }) => {
      const { q, ...rest } = filter
      if (q?.trim())
        return service.searchTickets(q, { limit: BOARD_LIMIT, ...rest, project: prefix })
      const f = { limit: LIST_PAGE, ...rest, project: prefix }
      return service.listTickets(pageParam ? { ...f, after: pageParam } : f)
    },
    getNextPageParam: (last) =>
      filter.q?.trim() || last.length < LIST_PAGE ? undefined : last[last.length - 1]?.key,
  })
}

/** How many tickets the list's filter matches, loaded or not. */
export const useTicketCount = (prefix: string, filter: ListFilter, enabled: boolean) =>
  useQuery({
    queryKey: [...keys.list(prefix, filter), 'count'],
    queryFn: () => service.countTickets({ ...filter, project: prefix }),
    enabled,
  })

/** A changed ticket replaces its row in every loaded page; a new one comes first. */
export function applyToLists(qc: QueryClient, ticket: Ticket, created: boolean) {
  qc.setQueriesData<InfiniteData<Ticket[], string> | number>(
    { queryKey: keys.lists(ticket.project_prefix) },
    (old) => {
      if (!old || typeof old === 'number') return old
      let found = false
      const pages = old.pages.map((page) =>
        page.map((t) => {
          if (t.key !== ticket.key) return t
          found = true
          return ticket
        }),
      )
      if (!found && created && pages[0]) pages[0] = [ticket, ...pages[0]]
      return { ...old, pages }
    },
  )
  // A list whose filter no longer matches is corrected on its next use, not refetched now.
  qc.invalidateQueries({ queryKey: keys.lists(ticket.project_prefix), refetchType: 'none' })
}
