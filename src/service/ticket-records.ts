import type { Comment, HistoryEvent } from '../domain/history.ts'
import type { TicketDetail } from '../domain/ticket.ts'
import type { TicketService } from './ticket-service.ts'

/** How many of the latest comments and history events a ticket is shown with. */
export const RECORDS_SHOWN = 20

/** A ticket with its latest comments and history, newest first, as the original shows it. */
export type TicketWithRecords = TicketDetail & {
  readonly comments: readonly Comment[]
  readonly history: readonly HistoryEvent[]
}

/**
 * `getTicket` plus the last RECORDS_SHOWN comments and history events (`tk get`,
 * `GET /api/tickets/:ref`). Bounded, so a ticket with years of talk costs the same to show.
 */
export async function ticketWithRecords(
  svc: TicketService,
  ref: string,
): Promise<TicketWithRecords> {
  const ticket = await svc.getTicket(ref)
  const [comments, history] = await Promise.all([
    svc.listComments(ticket.key, RECORDS_SHOWN),
    svc.listHistory({ ticket: ticket.key, limit: RECORDS_SHOWN }),
  ])
  return { ...ticket, comments: comments.reverse(), history: history.reverse() }
}
