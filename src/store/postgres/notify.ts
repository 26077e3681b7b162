/** @module Messages between the servers of one PostgreSQL database, over LISTEN/NOTIFY. */
import type { Pool, PoolClient } from 'pg'
import type { Broadcast } from '../store.ts'
import { inFlightGroups } from './in-flight-groups.ts'

const CHANNEL = 'ticket_events'
// NOTIFY refuses payloads of 8,000 bytes or more.
const MAX_MESSAGE_BYTES = 7900
const RECONNECT_MS = 1000

// Messages one NOTIFY statement sends at most.
const MAX_GROUP = 100

/**
 * NOTIFY goes through the pool; LISTEN holds one connection of its own for as long as
 * anyone listens. Messages sent while a NOTIFY statement is in flight go together in the
 * next one (one statement and one commit for many, in the order sent: decision 0046), so a
 * burst of writes costs the database one round trip, not one each. PostgreSQL delivers two
 * identical messages of one transaction once; every message names its origin and its change.
 */
export function postgresBroadcast(pool: Pool): Broadcast {
  type Sent = { message: string; resolve: () => void; reject: (e: unknown) => void }
  const send = inFlightGroups<typeof CHANNEL, Sent>(
    async (group) => {
      try {
        // unnest gives the array's order, and pg_notify runs for each row as it comes.
        await pool.query('SELECT pg_notify($1, m) FROM unnest($2::text[]) m', [
          CHANNEL,
          group.map((g) => g.message),
        ])
        for (const g of group) g.resolve()
      } catch (e) {
        for (const g of group) g.reject(e)
      }
    },
    (queue) => Math.min(queue.length, MAX_GROUP),
  )
  return {
    maxBytes: MAX_MESSAGE_BYTES,
    send: (message) =>
      new Promise<void>((resolve, reject) => send(CHANNEL, { message, resolve, reject })),
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
