import { Readable } from 'node:stream'
import type { FastifyReply } from 'fastify'
import type { Static } from 'typebox'
import type { Ticket } from '../../domain/ticket.ts'
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
  if (q.sort !== undefined) f.sort = q.sort
  if (q.order !== undefined) f.order = q.order
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
  if (q.q !== undefined && q.q.trim() !== '')
    return filter.limit === 0
      ? everyMatch(svc.searchTicketPages(q.q, filter), reply)
      : svc.searchTickets(q.q, filter)
  if (q.total) reply.header('X-Total-Count', String(await svc.countTickets(filter)))
  return svc.listTickets(filter)
}

/** `Accept` naming this gets every match of a search as one JSON ticket a line (NDJSON). */
export const NDJSON = 'application/x-ndjson'

/**
 * Every match of a search (`limit=0`), written as it is read a page at a time, so neither the
 * server nor a client reading lines holds them all: the JSON array of before, byte for byte,
 * or with `Accept: application/x-ndjson` one ticket a line. The first page is read before the
 * first byte, so a refused search (unknown project, too slow) still answers its error.
 */
async function everyMatch(pages: AsyncIterable<Ticket[]>, reply: FastifyReply) {
  const lines = reply.request.headers.accept?.includes(NDJSON) === true
  const it = pages[Symbol.asyncIterator]()
  let next = await it.next()
  async function* text() {
    let n = 0
    for (; !next.done; next = await it.next()) {
      let chunk = ''
      for (const t of next.value)
        chunk += lines ? `${JSON.stringify(t)}\n` : `${n++ === 0 ? '[' : ','}${JSON.stringify(t)}`
      if (chunk !== '') yield chunk
    }
    if (!lines) yield n === 0 ? '[]' : ']'
  }
  return reply
    .type(lines ? `${NDJSON}; charset=utf-8` : 'application/json; charset=utf-8')
    .send(Readable.from(text()))
}
