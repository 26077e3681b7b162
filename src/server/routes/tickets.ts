import type { Static } from 'typebox'
import { FLAG_ACTIONS } from '../../domain/ticket-flags.ts'
import type { NewTicket, TicketPatch, TicketService } from '../../service/ticket-service.ts'
import type { App, RouteDeps } from '../app-type.ts'
import { Message, TicketParams } from '../schemas/common.ts'
import { NewTicketBody, TicketListQuery, TicketPatchBody } from '../schemas/tickets.ts'
import { either, eitherExact, keys, required } from './aliases.ts'
import { listOrSearch, toFilter } from './ticket-query.ts'

/** The reference sends `project_id` and `parent_id`; ours are `project` and `parent`. */
async function toNewTicket(
  svc: TicketService,
  body: Static<typeof NewTicketBody>,
): Promise<NewTicket> {
  const { project_id, parent_id, project, parent, ...rest } = body
  const k = keys(svc)
  const p = await either(['project', project], ['project_id', project_id], k.project)
  const par = await either(['parent', parent], ['parent_id', parent_id], k.ticket)
  return { ...rest, project: required(p, 'project', 'CUS'), ...(par ? { parent: par } : {}) }
}

/** The reference's `order` is our `sort_order`. */
function toPatch(body: Static<typeof TicketPatchBody>): TicketPatch {
  const { order, sort_order, ...rest } = body
  const so = eitherExact(['sort_order', sort_order], ['order', order])
  return { ...rest, ...(so !== undefined ? { sort_order: so } : {}) }
}

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
    reply
      .code(201)
      .send(await service(req).createTicket(await toNewTicket(service(req), req.body))),
  )
  app.get('/api/tickets/:ref', { schema: { tags, params } }, (req) =>
    service(req).getTicket(req.params.ref),
  )
  for (const method of ['PUT', 'PATCH'] as const)
    app.route({
      method,
      url: '/api/tickets/:ref',
      schema: { tags, params, body: TicketPatchBody },
      handler: (req) => service(req).updateTicket(req.params.ref, toPatch(req.body)),
    })
  app.delete('/api/tickets/:ref', { schema: { tags, params } }, async (req) => {
    await service(req).deleteTicket(req.params.ref)
    return { status: 'deleted' }
  })

  // api.md: flag routes take an optional message, added as a comment with the change.
  for (const [action, { flag, value }] of Object.entries(FLAG_ACTIONS))
    app.post(
      `/api/tickets/:ref/${action}`,
      {
        schema: { tags, params, body: Message },
        // The body is optional; an absent one is an empty message.
        preValidation: async (req) => {
          req.body ??= {}
        },
      },
      (req) => service(req).setFlag(req.params.ref, flag, value, { message: req.body?.message }),
    )
}
