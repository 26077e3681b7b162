/**
 * @module The board's data: one page of every lane (with each lane's count) from
 * `GET /api/projects/:p/board`, more of a lane as it is scrolled, and live changes written
 * into the pages already loaded, so a 10,000-ticket board never fetches every ticket.
 */
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useRef } from 'react'
import type { Ticket } from '../../../src/domain/ticket.ts'
import { type Board, type BoardLane, byBoardOrder } from '../../../src/domain/views.ts'
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

const onBoard = (t: Ticket) => t.open && !t.archived

// A change to a ticket outside the loaded pages leaves its old lane unknown: the counts are
// read again (one card per lane, a few rows of ticket_counts), at most once per quiet moment.
const recount = new Map<string, ReturnType<typeof setTimeout>>()
function scheduleRecount(qc: QueryClient, prefix: string) {
  if (recount.has(prefix)) return
  recount.set(
    prefix,
    setTimeout(() => {
      recount.delete(prefix)
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

/**
 * One ticket's new state on the cached board: it leaves the lane it was in and, when it is
 * still on the board, takes its place in board order in its lane, if that place is among the
 * cards loaded (else a later page brings it).
 */
export function applyToBoard(qc: QueryClient, ticket: Ticket, created = false) {
  const prefix = ticket.project_prefix
  const board = qc.getQueryData<Board>(keys.board(prefix))
  if (!board) return
  let found = false
  let lanes = board.lanes.map((l) => {
    const i = l.tickets.findIndex((t) => t.key === ticket.key)
    if (i === -1) return l
    found = true
    return { ...l, total: l.total - 1, tickets: l.tickets.filter((_, j) => j !== i) }
  })
  const shown = onBoard(ticket)
  if (shown && !lanes.some((l) => l.stage === ticket.stage))
    lanes = [...lanes, { stage: ticket.stage, total: 0, tickets: [] }]
  if (shown)
    lanes = lanes.map((l) => {
      if (l.stage !== ticket.stage) return l
      const complete = l.tickets.length >= l.total
      const at = l.tickets.findIndex((t) => byBoardOrder(ticket, t) < 0)
      const tickets =
        at === -1
          ? complete
            ? [...l.tickets, ticket]
            : l.tickets
          : [...l.tickets.slice(0, at), ticket, ...l.tickets.slice(at)]
      // A ticket not loaded before may have been in this lane already: the recount says.
      return { ...l, total: l.total + (found || created ? 1 : 0), tickets }
    })
  qc.setQueryData<Board>(keys.board(prefix), { ...board, lanes })
  // Only a ticket already loaded, or a new one, says for certain which counts changed.
  if (!found && !created) scheduleRecount(qc, prefix)
}

export function removeFromBoard(qc: QueryClient, prefix: string, key: string) {
  qc.setQueryData<Board>(keys.board(prefix), (old) =>
    old
      ? {
          ...old,
          lanes: old.lanes.map((l) =>
            l.tickets.some((t) => t.key === key)
              ? { ...l, total: l.total - 1, tickets: l.tickets.filter((t) => t.key !== key) }
              : l,
          ),
        }
      : old,
  )
  scheduleRecount(qc, prefix)
}
