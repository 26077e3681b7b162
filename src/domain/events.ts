import type { Project } from './project.ts'
import type { Ticket } from './ticket.ts'

/**
 * One change, as published to live subscribers (`/api/ws`). `project` is the prefix, so a
 * subscriber's read access can be checked before the event is delivered.
 */
export type TicketEvent =
  | {
      type: 'ticket.created' | 'ticket.updated'
      project: string
      key: string
      ticket: Ticket
      actor: string
      at: string
    }
  | { type: 'ticket.deleted'; project: string; key: string; actor: string; at: string }
  | {
      type: 'comment.added' | 'dependency.changed'
      project: string
      key: string
      actor: string
      at: string
    }
  | {
      type: 'project.created' | 'project.updated'
      project: string
      data: Project
      actor: string
      at: string
    }
  | { type: 'project.deleted'; project: string; actor: string; at: string }
  | { type: 'member.changed'; project: string; actor: string; at: string }

export type EventSink = (event: TicketEvent) => void

/**
 * What `/api/ws` sends: a greeting, the acknowledgement of a subscription, errors, and one
 * `TicketEvent` per change. A client sends `{"subscribe": ["CUS", …]}` (empty: every project
 * it may read).
 */
export type LiveMessage =
  | {
      readonly type: 'connected'
      readonly user: string
      /**
       * Writes begun on this server when the subscription started (`process.count`); a client
       * whose reads carried a lower `X-Change-Cursor` reads again (server/change-cursor.ts).
       */
      readonly cursor: string
    }
  | { readonly type: 'subscribed'; readonly projects: readonly string[] }
  | { readonly type: 'error'; readonly error: string }
  | TicketEvent
