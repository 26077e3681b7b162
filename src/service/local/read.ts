import { notFound } from '../../domain/errors.ts'
import type { Ticket } from '../../domain/ticket.ts'
import { findTicketRowById, toTickets } from '../../store/tickets.ts'
import type { Ctx } from './context.ts'

/** The current wire form of a ticket, read after its write committed. */
export async function loadTicket(ctx: Ctx, id: number): Promise<Ticket> {
  return ctx.store.read(async (db) => {
    const row = await findTicketRowById(db, id)
    if (!row) throw notFound('ticket no longer exists')
    const [t] = await toTickets(db, [row])
    return t!
  })
}
