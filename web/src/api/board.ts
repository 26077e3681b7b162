/**
 * @module The board's data: one page of every lane (with each lane's count) from
 * `GET /api/projects/:p/board`, more of a lane as it is scrolled, and live changes written
 * into the pages already loaded, so a 10,000-ticket board never fetches every ticket.
 */
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useRef } from 'react'
import type { Board, BoardLane } from '../../../src/domain/views.ts'
import { onUncertainCounts } from './board-cache.ts'
import { keys } from './keys.ts'
import { service } from './service.ts'

/** Cards per lane fetched at once: a few screens of a lane. */
export const LANE_PAGE = 60

export const useBoard = (prefix: string, enabled = true) =>
  useQuery({
    queryKey: keys.board(prefix),
    queryFn: () => service.board({ project: prefix, limit: LANE_PAGE }),
    enabled,
    // Live events keep the loaded pages current; a refetch would drop the pages scrolled to.
    staleTime: Number.POSITIVE_INFINITY,
  })

const withLane = (board: Board, stage: string, change: (l: BoardLane) => BoardLane): Board => ({
  ...board,
  lanes: board.lanes.map((l) => (l.stage === stage ? change(l) : l)),
})

/** Loads the next page of one lane; a lane already loading or complete is left alone. */
export function useLoadMore(prefix: string) {
  const qc = useQueryClient()
  const loading = useRef(new Set<string>())
  return useCallback(
    (stage: string) => {
      const lane = qc.getQueryData<Board>(keys.board(prefix))?.lanes.find((l) => l.stage === stage)
      if (!lane || lane.tickets.length >= lane.total || loading.current.has(stage)) return
      loading.current.add(stage)
      service
        .board({ project: prefix, stage, offset: lane.tickets.length, limit: LANE_PAGE })
        .then((page) => {
          const more = page.lanes[0]
          if (!more) return
          qc.setQueryData<Board>(keys.board(prefix), (old) =>
            old
              ? withLane(old, stage, (l) => {
                  const have = new Set(l.tickets.map((t) => t.key))
                  return {
                    ...l,
                    total: more.total,
                    tickets: [...l.tickets, ...more.tickets.filter((t) => !have.has(t.key))],
                  }
                })
              : old,
          )
        })
        .catch(() => undefined)
        .finally(() => loading.current.delete(stage))
    },
    [qc, prefix],
  )
}

// A change to a ticket outside the loaded pages leaves its old lane unknown: the counts are
// read again (one card per lane, a few rows of ticket_counts), at most once per quiet moment.
const pending = new Map<string, ReturnType<typeof setTimeout>>()
function scheduleRecount(qc: QueryClient, prefix: string) {
  if (pending.has(prefix)) return
  pending.set(
    prefix,
    setTimeout(() => {
      pending.delete(prefix)
      service
        .board({ project: prefix, limit: 1 })
        .then((counts) => {
          const total = new Map(counts.lanes.map((l) => [l.stage, l.total]))
          qc.setQueryData<Board>(keys.board(prefix), (old) =>
            old
              ? {
                  ...old,
                  lanes: old.lanes.map((l) => ({ ...l, total: total.get(l.stage) ?? l.total })),
                }
              : old,
          )
        })
        .catch(() => undefined)
    }, 250),
  )
}

onUncertainCounts(scheduleRecount)
