import type { TicketEvent } from '../../domain/events.ts'
import type { ChangeFeed } from './change-feed.ts'

const CHANGES: ReadonlySet<TicketEvent['type']> = new Set([
  'ticket.created',
  'ticket.updated',
  'ticket.deleted',
  'comment.added',
  'dependency.changed',
  'project.created',
  'project.updated',
  'project.deleted',
  'member.changed',
])

export type WebSocketFeedOptions = {
  /** The server, e.g. `http://host:8080`. */
  readonly url: string
  readonly token: string | undefined
  /** Waits this long after an event for more before reporting, so a burst reloads once. */
  readonly settleMs?: number
  readonly reconnectMs?: number
}

/**
 * Remote mode's live refresh: the server's `/api/ws` events (api.md). Node's WebSocket takes
 * no headers, so the session token travels as `?token=`, which the server accepts on upgrades
 * only. A dropped connection is reported at once (the server may be gone: the UI says so
 * before an action fails), retried, and reported as a change once it is back, since events
 * may have been missed meanwhile; the first subscription is reported as a change for the same
 * reason (the first load may predate it).
 */
export function websocketFeed(o: WebSocketFeedOptions): ChangeFeed {
  const address = `${o.url.replace(/^http/, 'ws').replace(/\/$/, '')}/api/ws${o.token ? `?token=${encodeURIComponent(o.token)}` : ''}`
  return {
    subscribe(onChange, onStatus) {
      let socket: WebSocket | undefined
      let settle: NodeJS.Timeout | undefined
      let retry: NodeJS.Timeout | undefined
      let closed = false
      let dropped = false
      const changed = () => {
        clearTimeout(settle)
        settle = setTimeout(onChange, o.settleMs ?? 100)
      }
      const open = () => {
        socket = new WebSocket(address)
        socket.addEventListener('open', () => {
          if (dropped) onStatus?.('connected')
          dropped = false
        })
        socket.addEventListener('message', (e) => {
          const m = JSON.parse(String(e.data)) as { type: string }
          if (m.type === 'connected') {
            socket?.send(JSON.stringify({ subscribe: [] }))
            // Changes made before this subscription (since the first load, or while the
            // connection was down) sent no event to us: reload once now that every later one will.
            changed()
          } else if (CHANGES.has(m.type as TicketEvent['type'])) changed()
        })
        socket.addEventListener('close', () => {
          if (closed) return
          if (!dropped) onStatus?.('disconnected')
          dropped = true
          retry = setTimeout(open, o.reconnectMs ?? 2000)
        })
        // An error is followed by close, which retries; nothing else to do here.
        socket.addEventListener('error', () => {})
      }
      open()
      return () => {
        closed = true
        clearTimeout(settle)
        clearTimeout(retry)
        socket?.close()
      }
    },
  }
}
