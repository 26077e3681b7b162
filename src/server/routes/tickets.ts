import type { Static } from 'typebox'
import { invalid } from '../../domain/errors.ts'
import type {
  NewTicket,
  TicketFlag,
  TicketPatch,
  TicketService,
} from '../../service/ticket-service.ts'
import type { App, RouteDeps } from '../app-type.ts'
import { Message, TicketParams } from '../schemas/common.ts'
import { NewTicketBody, TicketListQuery, TicketPatchBody } from '../schemas/tickets.ts'
import { disagree, either, eitherExact, keys, required } from './aliases.ts'
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

/** The reference's `order` is our `sort_order`; its `status` is `stage/state` in one field. */
function toPatch(body: Static<typeof TicketPatchBody>): TicketPatch {
  const { order, status, sort_order, stage, state, ...rest } = body
  let [st, sta]: [string | undefined, string | undefined] = [stage, state]
  if (status !== undefined) {
    const [a, b, ...more] = status.split('/')
    if (!a || !b || more.length > 0)
      throw invalid(`invalid status "${status}"`, 'write it as stage/state, e.g. develop/active')
    if (st !== undefined && st.trim().toLowerCase() !== a.trim().toLowerCase())
      throw disagree('stage', 'status')
    if (sta !== undefined && sta !== b.trim().toLowerCase()) throw disagree('state', 'status')
    st ??= a
    sta ??= b.trim().toLowerCase()
  }
  const so = eitherExact(['sort_order', sort_order], ['order', order])
  return {
    ...rest,
    ...(so !== undefined ? { sort_order: so } : {}),
    ...(st !== undefined ? { stage: st } : {}),
    ...(sta !== undefined ? { state: sta as NonNullable<TicketPatch['state']> } : {}),
  }
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
