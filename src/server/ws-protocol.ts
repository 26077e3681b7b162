/** @module What `/api/ws` accepts from clients, checked at the edge (the replies: domain/events.ts). */
import { type Static, Type } from 'typebox'

/** What a client may send: the projects (prefixes) it wants events of; empty means all it may read. */
export const ClientMessage = Type.Object(
  {
    subscribe: Type.Array(Type.String({ maxLength: 10 }), { maxItems: 1000 }),
  },
  { additionalProperties: false },
)
export type ClientMessage = Static<typeof ClientMessage>

export type { LiveMessage as ServerMessage } from '../domain/events.ts'
