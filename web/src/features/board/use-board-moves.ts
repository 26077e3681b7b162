import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import type { State } from '../../../../src/domain/lifecycle.ts'
import type { Ticket } from '../../../../src/domain/ticket.ts'
import type { Board } from '../../../../src/domain/views.ts'
import { keys } from '../../api/keys.ts'
import { applyTicket } from '../../api/live.ts'
import { service } from '../../api/service.ts'
import { reorderGroup } from './reorder.ts'

type Undo =
  | { readonly kind: 'stage'; readonly key: string; readonly from: string; readonly title: string }
  | {
      readonly kind: 'archive'
      readonly key: string
      readonly stage: string
      readonly title: string
    }
  | {
      readonly kind: 'order'
      readonly key: string
      readonly stage: string
      readonly before: readonly { readonly key: string; readonly sort_order: number }[]
    }

// The reference kept 50 undo steps; so do we.
const UNDO_DEPTH = 50

/** Stage moves and archiving from the board, applied to the cache at once, with an undo stack. */
export function useBoardMoves(prefix: string) {
  const qc = useQueryClient()
  const undo = useRef<Undo[]>([])
  const [note, setNote] = useState('')

  const refresh = () => qc.invalidateQueries({ queryKey: keys.tickets(prefix) })
  const stage = useMutation({
    mutationFn: (v: { ticket: Ticket; stage: string }) => service.setStage(v.ticket.key, v.stage),
    onMutate: ({ ticket, stage }) => applyTicket(qc, { ...ticket, stage }),
    onSuccess: (t) => applyTicket(qc, t),
    onError: (err) => {
      setNote(`Could not move: ${err instanceof Error ? err.message : String(err)}`)
      void refresh()
    },
  })
  const lifecycle = useMutation({
    mutationFn: async (v: { ticket: Ticket; stage: string; state: State }) => {
      const moved =
        v.ticket.stage === v.stage ? v.ticket : await service.setStage(v.ticket.key, v.stage)
      return moved.state === v.state ? moved : service.setState(v.ticket.key, v.state)
    },
    onMutate: ({ ticket, stage, state }) => applyTicket(qc, { ...ticket, stage, state }),
    onSuccess: (t) => applyTicket(qc, t),
    onError: (err) => {
      setNote(`Could not move: ${err instanceof Error ? err.message : String(err)}`)
      void refresh()
    },
  })
  const archive = useMutation({
    mutationFn: (v: { key: string; value: boolean }) => service.setFlag(v.key, 'archived', v.value),
    // The card leaves (or comes back to) its lane at once, not after the list is fetched again.
    onMutate: ({ key, value }) => {
      const t =
        qc
          .getQueriesData<Ticket[]>({ queryKey: keys.tickets(prefix) })
          .flatMap(([, list]) => list ?? [])
          .find((x) => x.key === key) ??
        qc
          .getQueryData<Board>(keys.board(prefix))
          ?.lanes.flatMap((l) => l.tickets)
          .find((x) => x.key === key)
      if (t) applyTicket(qc, { ...t, archived: value })
    },
    onSuccess: (t) => {
      applyTicket(qc, t)
      return refresh()
    },
    onError: (err) =>
      setNote(`Could not archive: ${err instanceof Error ? err.message : String(err)}`),
  })

  const order = useMutation({
    mutationFn: (v: { writes: readonly { key: string; sort_order: number }[] }) =>
      Promise.all(v.writes.map((w) => service.updateTicket(w.key, { sort_order: w.sort_order }))),
    onSuccess: (list) => {
      for (const t of list) applyTicket(qc, t)
    },
    onError: (err) => {
      setNote(`Could not reorder: ${err instanceof Error ? err.message : String(err)}`)
      void qc.invalidateQueries({ queryKey: keys.board(prefix) })
      void refresh()
    },
  })
  // Each write lands in the cached board at once: the card takes its new place before the reply.
  const writeOrder = (
    lane: readonly Ticket[],
    writes: readonly { key: string; sort_order: number }[],
  ) => {
    for (const w of writes) {
      const t = lane.find((x) => x.key === w.key)
      if (t) applyTicket(qc, { ...t, sort_order: w.sort_order })
    }
    order.mutate({ writes })
  }

  const remember = (u: Undo) => {
    undo.current.push(u)
    if (undo.current.length > UNDO_DEPTH) undo.current.shift()
  }

  return {
    note,
    move(ticket: Ticket, to: string) {
      if (ticket.stage === to) return
      remember({ kind: 'stage', key: ticket.key, from: ticket.stage, title: ticket.title })
      setNote(`Moved ${ticket.key} to ${to}`)
      stage.mutate({ ticket, stage: to })
    },
    /** A drop on a lane's state target: the stage (if it differs), then the state. */
    moveTo(ticket: Ticket, stage: string, state: State) {
      if (ticket.stage === stage && ticket.state === state) return
      remember({ kind: 'stage', key: ticket.key, from: ticket.stage, title: ticket.title })
      setNote(`Moved ${ticket.key} to ${stage}/${state}`)
      lifecycle.mutate({ ticket, stage, state })
    },
    /**
     * Puts `ticket` at `to` (an index in its lane's cards, `lane`) when the card there has the
     * same priority: the board orders by priority first, so a card moves only among its equals.
     * Returns whether it moved.
     */
    reorder(ticket: Ticket, lane: readonly Ticket[], to: number): boolean {
      const target = lane[to]
      if (!target || target.key === ticket.key) return false
      if (target.priority !== ticket.priority) {
        setNote(
          `${ticket.key} stays above or below cards of another priority: change its priority to move it past them.`,
        )
        return false
      }
      const group = lane.filter((t) => t.priority === ticket.priority)
      const writes = reorderGroup(
        group,
        ticket.key,
        group.findIndex((t) => t.key === target.key),
      )
      if (!writes.length) return false
      remember({
        kind: 'order',
        key: ticket.key,
        stage: ticket.stage,
        before: writes.map((w) => ({
          key: w.key,
          sort_order: group.find((t) => t.key === w.key)?.sort_order ?? 0,
        })),
      })
      setNote(`Moved ${ticket.key} ${to > lane.indexOf(ticket) ? 'below' : 'above'} ${target.key}`)
      writeOrder(lane, writes)
      return true
    },
    archive(ticket: Ticket) {
      remember({ kind: 'archive', key: ticket.key, stage: ticket.stage, title: ticket.title })
      setNote(`Archived ${ticket.key}`)
      archive.mutate({ key: ticket.key, value: true })
    },
    /** Reverts the last move or archive; returns where the card is going back to. */
    undo(current: (key: string) => Ticket | undefined): { key: string; stage: string } | null {
      const last = undo.current.pop()
      if (!last) {
        setNote('Nothing to undo.')
        return null
      }
      setNote(
        `Undid: ${last.kind === 'stage' ? 'move' : last.kind === 'order' ? 'reorder' : 'archive'} of ${last.key}`,
      )
      if (last.kind === 'order') {
        const lane = last.before.map((b) => current(b.key)).filter((t) => t !== undefined)
        writeOrder(lane, last.before)
        return { key: last.key, stage: last.stage }
      }
      if (last.kind === 'archive') {
        archive.mutate({ key: last.key, value: false })
        return { key: last.key, stage: last.stage }
      }
      const t = current(last.key)
      if (t) stage.mutate({ ticket: t, stage: last.from })
      return { key: last.key, stage: last.from }
    },
  }
}
