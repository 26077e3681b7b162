import type { TicketService } from '../../service/ticket-service.ts'

/** Whether the feed can currently hear of changes (remote mode: the WebSocket is open). */
export type FeedStatus = 'connected' | 'disconnected'

/** Tells the UI that data may have changed somewhere else (another process or person). */
export type ChangeFeed = {
  /** `onStatus` hears when the connection drops and when it is back; local feeds never drop. */
  subscribe(onChange: () => void, onStatus?: (status: FeedStatus) => void): () => void
}

/**
 * Local mode has no event stream, so this polls the newest history event (one cheap row)
 * and reports a change when it moves. Remote mode will offer a feed over `/api/ws` with the
 * same shape, so nothing above this file changes when it lands.
 */
export function pollingFeed(service: TicketService, intervalMs = 3000): ChangeFeed {
  return {
    subscribe(onChange) {
      let last: number | undefined
      let busy = false
      const tick = async () => {
        if (busy) return
        busy = true
        try {
          const [newest] = await service.listHistory({ limit: 1 })
          const id = newest?.id ?? 0
          if (last !== undefined && id !== last) onChange()
          last = id
        } catch {
          // A failed poll is retried on the next tick; the views show their own load errors.
        } finally {
          busy = false
        }
      }
      void tick()
      const timer = setInterval(() => void tick(), intervalMs)
      timer.unref?.()
      return () => clearInterval(timer)
    },
  }
}
