/** @module Answering a request whose body is still coming, without reading the rest of it. */
import type { FastifyReply, FastifyRequest } from 'fastify'

// How long a refused upload may go on arriving (and being dropped unread) after the answer.
const LINGER_MS = 1000

/**
 * Closes the connection after the answer instead of reading the rest of the body, but not at
 * once: closing a socket with unread data resets it, and a reset can discard the answer before
 * the client has read it. So what still arrives is dropped for a moment first (a "lingering
 * close", as other HTTP servers do).
 */
export function closeAfterAnswer(req: FastifyRequest, reply: FastifyReply): void {
  if (req.raw.complete) return
  reply.header('connection', 'close')
  const socket = req.raw.socket
  reply.raw.once('finish', () => {
    // Node has just ended the socket for `Connection: close` and destroys it once flushed.
    socket.removeListener('finish', socket.destroy)
    socket.once('end', () => socket.destroy())
    setTimeout(() => socket.destroy(), LINGER_MS).unref()
  })
}
