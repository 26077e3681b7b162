/** @module Messages between the servers of one PostgreSQL database, over LISTEN/NOTIFY. */
import type { Pool, PoolClient } from 'pg'
import type { Broadcast } from '../store.ts'

const CHANNEL = 'ticket_events'
// NOTIFY refuses payloads of 8,000 bytes or more.
const MAX_MESSAGE_BYTES = 7900
const RECONNECT_MS = 1000

/**
 * NOTIFY goes through the pool; LISTEN holds one connection of its own for as long as
 * anyone listens.
 */
export function postgresBroadcast(pool: Pool): Broadcast {
  return {
    maxBytes: MAX_MESSAGE_BYTES,
    send: async (message) => {
      await pool.query('SELECT pg_notify($1, $2)', [CHANNEL, message])
    },
    listen: async (onMessage) => {
      let stopped = false
      let client: PoolClient | undefined
      const handler = (n: { channel: string; payload?: string }) => {
        if (n.channel === CHANNEL && n.payload !== undefined) onMessage(n.payload)
      }
      // A dropped connection (restart, failover) must not end the process: listen again on a
      // new one. Changes made while no connection listens are missed (at most once).
      const connect = async (): Promise<void> => {
        const c = await pool.connect()
        c.on('notification', handler)
        const onError = () => {
          c.off('error', onError)
          c.off('notification', handler)
          if (client !== c) return
          client = undefined
          c.release(true)
          retry()
        }
        c.on('error', onError)
        client = c
        await c.query(`LISTEN ${CHANNEL}`)
      }
      const retry = () => {
        if (!stopped) setTimeout(() => void connect().catch(retry), RECONNECT_MS)
      }
      await connect()
      return async () => {
        stopped = true
        const c = client
        client = undefined
        if (!c) return
        c.removeAllListeners('notification')
        c.removeAllListeners('error')
        // Whatever the closing connection still reports is of no interest now.
        c.on('error', () => {})
        // Closed rather than pooled: it was a listener, and may be the one that failed.
        c.release(true)
      }
    },
  }
}
