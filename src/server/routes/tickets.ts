import type { Static } from 'typebox'
import { invalid } from '../../domain/errors.ts'
import type { NewTicket, TicketFlag } from '../../service/ticket-service.ts'
import type { App, RouteDeps } from '../app-type.ts'
import { Message, TicketParams } from '../schemas/common.ts'
import { NewTicketBody, TicketListQuery, TicketPatchBody } from '../schemas/tickets.ts'
import { listOrSearch, toFilter } from './ticket-query.ts'

/** The reference sends `project_id` and `parent_id`; ours are `project` and `parent`. */
function toNewTicket(body: Static<typeof NewTicketBody>): NewTicket {
  const { project_id, parent_id, project, parent, ...rest } = body
  const p = project ?? (project_id === undefined ? undefined : String(project_id))
  if (p === undefined) throw invalid('project is required', 'send "project": "CUS"')
  const par = parent ?? parent_id
  return { ...rest, project: p, ...(par ? { parent: par } : {}) }
}

// api.md: flag routes take an optional message, added as a comment with the change.
const FLAG_ROUTES: ReadonlyArray<[string, TicketFlag, boolean]> = [
  ['close', 'open', false],
  ['open', 'open', true],
  ['archive', 'archived', true],
  ['unarchive', 'archived', false],
  ['ready', 'ready', true],
  ['notready', 'ready', false],
]

export function ticketRoutes(app: App, { service }: RouteDeps): void {
  const tags = ['tickets']
  const params = TicketParams

  app.get('/api/tickets', { schema: { tags, querystring: TicketListQuery } }, (req, reply) =>
    listOrSearch(service(req), req.query, reply),
  )
  app.get(
    '/api/tickets/count',
    { schema: { tags, querystring: TicketListQuery } },
    async (req) => ({
      total: await service(req).countTickets(toFilter(req.query)),
    }),
  )
  app.post('/api/tickets', { schema: { tags, body: NewTicketBody } }, async (req, reply) =>
    reply.code(201).send(await service(req).createTicket(toNewTicket(req.body))),
  )
  app.get('/api/tickets/:ref', { schema: { tags, params } }, (req) =>
    service(req).getTicket(req.params.ref),
  )
  for (const method of ['PUT', 'PATCH'] as const)
    app.route({
      method,
      url: '/api/tickets/:ref',
      schema: { tags, params, body: TicketPatchBody },
      handler: (req) => service(req).updateTicket(req.params.ref, req.body),
    })
  app.delete('/api/tickets/:ref', { schema: { tags, params } }, async (req) => {
    await service(req).deleteTicket(req.params.ref)
    return { status: 'deleted' }
  })

  for (const [action, flag, value] of FLAG_ROUTES)
    app.post(
      `/api/tickets/:ref/${action}`,
      {
        schema: { tags, params, body: Message },
        // The body is optional; an absent one is an empty message.
        preValidation: async (req) => {
          req.body ??= {}
        },
      },
      async (req) => {
        const svc = service(req)
        const message = req.body?.message?.trim()
        // A comment goes in while the ticket still takes one: before closing or archiving.
        const locks = (flag === 'open' && !value) || (flag === 'archived' && value)
        if (message && locks) await svc.addComment(req.params.ref, message)
        const ticket = await svc.setFlag(req.params.ref, flag, value)
        if (message && !locks) await svc.addComment(req.params.ref, message)
        return ticket
      },
    )
}
