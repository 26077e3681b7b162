/**
 * @module The board's cached pages (api/board.ts) changed by one ticket: no requests here,
 * so live events and tests apply changes without a server.
 */
import type { QueryClient } from '@tanstack/react-query'
import type { Ticket } from '../../../src/domain/ticket.ts'
import { type Board, byBoardOrder } from '../../../src/domain/views.ts'
import { keys } from './keys.ts'

type Recount = (qc: QueryClient, prefix: string) => void
let uncertain: Recount | null = null

/** What to do when a change leaves the lane counts unknown (api/board.ts rereads them). */
export function onUncertainCounts(recount: Recount) {
  uncertain = recount
}

const onBoard = (t: Ticket) => t.open && !t.archived

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
  if (!found && !created) uncertain?.(qc, prefix)
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
  uncertain?.(qc, prefix)
}
