/** @module A `/api/ws` subscription for browsers and Node: change events, reconnecting. */
import type { LiveMessage, TicketEvent } from '../domain/events.ts'

export type LiveOptions = {
  /** The server, e.g. `http://localhost:8080`. */
  readonly url: string
  /** Absent in a browser, whose session cookie authenticates the upgrade. */
  readonly token?: string
  /** Prefixes to hear about; empty or absent means every project the user may read. */
  readonly projects?: readonly string[]
  readonly onEvent: (event: TicketEvent) => void
  /**
   * The greeting's change cursor, once per connection: reads stamped with a lower
   * `X-Change-Cursor` may lack a change that sent this subscription no event.
   */
  readonly onConnected?: (cursor: string) => void
  /** Connection state, for a status indicator: `open` once the subscription is in force. */
  readonly onStatus?: (status: 'open' | 'closed') => void
  /** Wait before reconnecting after a drop; default 1 s, doubling up to 30 s. */
  readonly retryMs?: number
}

export type LiveSubscription = { close(): void }

/**
 * Whether data read at change cursor `read` (an answer's `X-Change-Cursor`) may lack a change
 * made before a subscription greeted with `subscribed`: always, when another server answered.
 */
export function mayHaveMissed(read: string, subscribed: string): boolean {
  const [readBy, readAt] = read.split('.')
  const [subscribedBy, subscribedAt] = subscribed.split('.')
  return readBy !== subscribedBy || Number(readAt) < Number(subscribedAt)
}

/** Listens for changes until `close()`; reconnects after a dropped connection. */
export function subscribeLive(options: LiveOptions): LiveSubscription {
  const base = options.url.replace(/\/+$/, '').replace(/^http/, 'ws')
  const first = options.retryMs ?? 1000
  let delay = first
  let stopped = false
  let socket: WebSocket | undefined
  let timer: ReturnType<typeof setTimeout> | undefined

  const open = () => {
    // Browsers cannot set headers on a WebSocket, hence the token in the query (api.md).
    const query = options.token ? `?token=${encodeURIComponent(options.token)}` : ''
    const ws = new WebSocket(`${base}/api/ws${query}`)
    socket = ws
    ws.addEventListener('open', () => {
      delay = first
      ws.send(JSON.stringify({ subscribe: options.projects ?? [] }))
      options.onStatus?.('open')
    })
    ws.addEventListener('message', (e) => {
      const m = JSON.parse(String(e.data)) as LiveMessage
      if (m.type === 'connected') options.onConnected?.(m.cursor)
      else if (m.type !== 'subscribed' && m.type !== 'error') options.onEvent(m)
    })
    ws.addEventListener('close', () => {
      options.onStatus?.('closed')
      if (stopped) return
      timer = setTimeout(open, delay)
      delay = Math.min(delay * 2, 30_000)
    })
  }
  open()
  return {
    close() {
      stopped = true
      if (timer) clearTimeout(timer)
      socket?.close()
    },
  }
}
