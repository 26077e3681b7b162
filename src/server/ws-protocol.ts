/** @module The `/api/ws` wire protocol, shared by the server and its clients. */
import { type Static, Type } from 'typebox'
import type { TicketEvent } from '../domain/events.ts'

/** What a client may send: the projects (prefixes) it wants events of; empty means all it may read. */
export const ClientMessage = Type.Object(
  {
    subscribe: Type.Array(Type.String({ maxLength: 10 }), { maxItems: 1000 }),
  },
  { additionalProperties: false },
)
export type ClientMessage = Static<typeof ClientMessage>

/** What the server sends: a greeting, the acknowledgement of a subscription, errors, and changes. */
export type ServerMessage =
  | { readonly type: 'connected'; readonly user: string }
  | { readonly type: 'subscribed'; readonly projects: readonly string[] }
  | { readonly type: 'error'; readonly error: string }
  | TicketEvent
