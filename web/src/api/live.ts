/** @module `/api/ws`: every change event is written straight into the query cache. */
import type { QueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import type { TicketEvent } from '../../../src/domain/events.ts'
import type { Ticket, TicketDetail } from '../../../src/domain/ticket.ts'
import { keys } from './keys.ts'

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
    qc.invalidateQueries({ queryKey: ['summary', e.project] })
    qc.invalidateQueries({ queryKey: ['tree', e.project] })
    qc.invalidateQueries({ queryKey: ['requirements', e.project] })
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
      return
    case 'comment.added':
      qc.invalidateQueries({ queryKey: keys.conversation(e.key) })
      return
    case 'dependency.changed':
      // The blocked marker of the dependent ticket changed; the lists carry it.
      qc.invalidateQueries({ queryKey: keys.ticket(e.key) })
      qc.invalidateQueries({ queryKey: keys.conversation(e.key) })
      qc.invalidateQueries({ queryKey: keys.tickets(e.project) })
      return
    case 'project.created':
    case 'project.updated':
    case 'project.deleted':
      qc.invalidateQueries({ queryKey: keys.projects })
      qc.invalidateQueries({ queryKey: keys.project(e.project) })
      return
    case 'member.changed':
      qc.invalidateQueries({ queryKey: keys.members(e.project) })
      qc.invalidateQueries({ queryKey: ['role', e.project] })
      qc.invalidateQueries({ queryKey: keys.projects })
      return
    default:
      // Server greetings and event types this build does not know are ignored on purpose.
      return
  }
}

const isEvent = (m: unknown): m is TicketEvent =>
  typeof m === 'object' && m !== null && 'type' in m && 'project' in m && 'at' in m

/** Keeps one socket open while signed in; reconnects and refetches after a drop. */
export function useLiveUpdates(qc: QueryClient, enabled: boolean): LiveState {
  const [state, setState] = useState<LiveState>('connecting')
  useEffect(() => {
    if (!enabled) return
    let socket: WebSocket | null = null
    let retry: ReturnType<typeof setTimeout> | undefined
    let attempt = 0
    let stopped = false
    const open = () => {
      const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:'
      socket = new WebSocket(`${proto}//${window.location.host}/api/ws`)
      socket.onopen = () => {
        if (attempt > 0) qc.invalidateQueries()
        attempt = 0
        setState('live')
      }
      socket.onmessage = (msg) => {
        const data: unknown = JSON.parse(String(msg.data))
        if (isEvent(data)) applyEvent(qc, data)
      }
      socket.onclose = () => {
        if (stopped) return
        setState('offline')
        attempt++
        retry = setTimeout(open, Math.min(10_000, 500 * 2 ** attempt))
      }
    }
    open()
    return () => {
      stopped = true
      clearTimeout(retry)
      socket?.close()
    }
  }, [qc, enabled])
  return state
}
