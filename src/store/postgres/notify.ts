/** @module Messages between the servers of one PostgreSQL database, over LISTEN/NOTIFY. */
import type { Pool } from 'pg'
import type { Broadcast } from '../store.ts'

const CHANNEL = 'ticket_events'
// NOTIFY refuses payloads of 8,000 bytes or more.
const MAX_MESSAGE_BYTES = 7900

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
      const client = await pool.connect()
      const handler = (n: { channel: string; payload?: string }) => {
        if (n.channel === CHANNEL && n.payload !== undefined) onMessage(n.payload)
      }
      client.on('notification', handler)
      await client.query(`LISTEN ${CHANNEL}`)
      return async () => {
        client.off('notification', handler)
        try {
          await client.query(`UNLISTEN ${CHANNEL}`)
        } finally {
          client.release()
        }
      }
    },
  }
}
