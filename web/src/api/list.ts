/**
 * @module The list's data: pages of the project's tickets in the order asked for (newest change
 * first unless a column is chosen), sorted by the server and read with keyset paging (`after=`)
 * as the list is scrolled, and the number of matches; a full-text search is read whole, best
 * match first.
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { keys } from './keys.ts'
import { LIST_PAGE } from './list-cache.ts'
import { BOARD_LIMIT } from './queries.ts'
import { service } from './service.ts'
import type { TicketFilter } from './types.ts'

type ListFilter = TicketFilter & { q?: string }

export function useTicketPages(prefix: string, filter: ListFilter) {
  return useInfiniteQuery({
    queryKey: keys.list(prefix, filter),
    initialPageParam: '',
    queryFn: ({ pageParam }) => {
      const { q, ...rest } = filter
      if (q?.trim())
        return service.searchTickets(q, { limit: BOARD_LIMIT, ...rest, project: prefix })
      // The sort travels with the filter: the server orders, and the page after `after` is
      // the next in that order.
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
    queryFn: () => {
      const { sort: _s, order: _o, ...rest } = filter
      return service.countTickets({ ...rest, project: prefix })
    },
    enabled,
  })
