import type { FastifyReply } from 'fastify'
import type { Static } from 'typebox'
import type { TicketFilter, TicketService } from '../../service/ticket-service.ts'
import type { TicketListQuery } from '../schemas/tickets.ts'

type Query = Static<typeof TicketListQuery>

/** api.md "Conventions": list filters as query parameters. */
export function toFilter(q: Query, project = q.project): TicketFilter {
  const f: { -readonly [K in keyof TicketFilter]: TicketFilter[K] } = {}
  if (project !== undefined) f.project = project
  if (q.type !== undefined) f.type = q.type
  if (q.stage !== undefined) f.stage = q.stage
  if (q.state !== undefined) f.state = q.state
  if (q.status !== undefined) f.status = q.status
  if (q.assignee !== undefined) f.assignee = q.assignee
  if (q.label !== undefined) f.label = q.label
  if (q.parent !== undefined) f.parent = q.parent
  if (q.include_closed) f.closed = true
  if (q.include_archived) f.archived = true
  if (q.limit !== undefined) f.limit = q.limit
  if (q.offset !== undefined) f.offset = q.offset
  if (q.after !== undefined) f.after = q.after
  return f
}

/** A list, or a search when `q` has words; `total=true` counts every match into a header. */
export async function listOrSearch(
  svc: TicketService,
  q: Query,
  reply: FastifyReply,
  project?: string,
) {
  const filter = toFilter(q, project ?? q.project)
  if (q.q !== undefined && q.q.trim() !== '') return svc.searchTickets(q.q, filter)
  if (q.total) reply.header('X-Total-Count', String(await svc.countTickets(filter)))
  return svc.listTickets(filter)
}
