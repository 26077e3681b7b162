/** @module `/api/ws`: every change event is written straight into the query cache. */
import type { QueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { subscribeLive } from '../../../src/client/live-events.ts'
import type { TicketEvent } from '../../../src/domain/events.ts'
import type { Ticket, TicketDetail } from '../../../src/domain/ticket.ts'
import { applyToBoard, removeFromBoard } from './board-cache.ts'
import { onMissedChange, subscriptionEnded, subscriptionStarted } from './change-cursor.ts'
import { keys } from './keys.ts'
import { applyToLists } from './list-cache.ts'

export type LiveState = 'connecting' | 'live' | 'offline'

const upsert = (list: readonly Ticket[], ticket: Ticket): Ticket[] => {
  const i = list.findIndex((t) => t.key === ticket.key)
  if (i === -1) return [ticket, ...list]
  const copy = list.slice()
  copy[i] = ticket
  return copy
}

/** Applies one event to every cached view it touches; exported for the board's own drops. */
export function applyTicket(qc: QueryClient, ticket: Ticket, created = false) {
  applyToBoard(qc, ticket, created)
  applyToLists(qc, ticket, created)
  qc.setQueriesData<Ticket[]>({ queryKey: keys.tickets(ticket.project_prefix) }, (old) =>
    old ? upsert(old, ticket) : old,
  )
  qc.setQueryData<TicketDetail>(keys.ticket(ticket.key), (old) =>
    old ? { ...old, ...ticket } : old,
  )
  // A list whose filter no longer matches is corrected on its next use, not refetched now.
  qc.invalidateQueries({ queryKey: keys.tickets(ticket.project_prefix), refetchType: 'none' })
  if (created && ticket.parent_id) qc.invalidateQueries({ queryKey: keys.ticket(ticket.parent_id) })
}

export function applyEvent(qc: QueryClient, e: TicketEvent) {
  // Views computed on the server (summary, hierarchy, requirements) are refetched when active.
  if (e.type.startsWith('ticket.') || e.type === 'dependency.changed') {
    qc.invalidateQueries({ queryKey: keys.summary(e.project) })
    qc.invalidateQueries({ queryKey: keys.tree(e.project) })
    qc.invalidateQueries({ queryKey: keys.graph(e.project) })
    qc.invalidateQueries({ queryKey: keys.requirements(e.project) })
  }
  switch (e.type) {
    case 'ticket.created':
    case 'ticket.updated':
      applyTicket(qc, e.ticket, e.type === 'ticket.created')
      qc.invalidateQueries({ queryKey: keys.ticket(e.key) })
      qc.invalidateQueries({ queryKey: keys.conversation(e.key) })
      return
    case 'ticket.deleted':
      qc.setQueriesData<Ticket[]>({ queryKey: keys.tickets(e.project) }, (old) =>
        old?.filter((t) => t.key !== e.key),
      )
      qc.removeQueries({ queryKey: keys.ticket(e.key) })
      removeFromBoard(qc, e.project, e.key)
      qc.invalidateQueries({ queryKey: keys.lists(e.project) })
      return
    case 'comment.added':
      qc.invalidateQueries({ queryKey: keys.conversation(e.key) })
      return
    case 'dependency.changed':
      // The blocked marker of the dependent ticket changed; the lists carry it.
      qc.invalidateQueries({ queryKey: keys.ticket(e.key) })
      qc.invalidateQueries({ queryKey: keys.conversation(e.key) })
      qc.invalidateQueries({ queryKey: keys.tickets(e.project) })
      qc.invalidateQueries({ queryKey: keys.board(e.project) })
      qc.invalidateQueries({ queryKey: keys.lists(e.project) })
      return
    case 'project.created':
    case 'project.updated':
    case 'project.deleted':
      qc.invalidateQueries({ queryKey: keys.projects })
      qc.invalidateQueries({ queryKey: keys.project(e.project) })
      return
    case 'member.changed':
      qc.invalidateQueries({ queryKey: keys.members(e.project) })
      // The caller's role travels with the project.
      qc.invalidateQueries({ queryKey: keys.project(e.project) })
      qc.invalidateQueries({ queryKey: keys.projects })
      return
    default:
      // Server greetings and event types this build does not know are ignored on purpose.
      return
  }
}

/** Keeps one subscription open while signed in; refetches everything after a reconnect. */
export function useLiveUpdates(qc: QueryClient, enabled: boolean): LiveState {
  const [state, setState] = useState<LiveState>('connecting')
  useEffect(() => {
    if (!enabled) return
    let dropped = false
    // A change made after the first reads but before the subscription sent it no event.
    onMissedChange(() => void qc.invalidateQueries())
    const live = subscribeLive({
      url: window.location.origin,
      // The HttpOnly session cookie authenticates the upgrade; no token goes into the URL.
      onEvent: (e) => applyEvent(qc, e),
      onConnected: subscriptionStarted,
      onStatus: (s) => {
        if (s === 'closed') dropped = true
        else if (dropped) void qc.invalidateQueries()
        setState(s === 'open' ? 'live' : 'offline')
      },
    })
    return () => {
      live.close()
      subscriptionEnded()
    }
  }, [qc, enabled])
  return state
}
