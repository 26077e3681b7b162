import type { Static } from 'typebox'
import { invalid } from '../../domain/errors.ts'
import { FLAG_ACTIONS } from '../../domain/ticket-flags.ts'
import type { NewTicket, TicketPatch, TicketService } from '../../service/ticket-service.ts'
import type { App, RouteDeps } from '../app-type.ts'
import { readAsCaller } from '../auth.ts'
import { Message, TicketParams } from '../schemas/common.ts'
import {
  NewTicketBody,
  TicketGetQuery,
  TicketListQuery,
  TicketPatchBody,
} from '../schemas/tickets.ts'
import { either, eitherExact, keys, required, sameThing } from './aliases.ts'
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

type PatchBody = Omit<Static<typeof TicketPatchBody>, 'message' | 'project_id' | 'type'>

/** `""` is how the reference says "nobody" and "no parent". */
const orNull = (v: string | null | undefined) =>
  v === undefined ? undefined : v === null || v.trim() === '' ? null : v

/** The reference's `order` is our `sort_order`; its `parent_id` is our `parent`. */
function toPatch(body: PatchBody): TicketPatch {
  const { order, sort_order, assignee, parent, parent_id, ...rest } = body
  const so = eitherExact(['sort_order', sort_order], ['order', order])
  // null means "detach" here, not "absent", so it is not left to eitherExact's `??`.
  const [p1, p2] = [orNull(parent), orNull(parent_id)]
  const par =
    p1 !== undefined && p2 !== undefined
      ? eitherExact(['parent', p1], ['parent_id', p2])
      : p1 !== undefined
        ? p1
        : p2
  const who = orNull(assignee)
  return {
    ...rest,
    ...(par !== undefined ? { parent: par } : {}),
    ...(who !== undefined ? { assignee: who } : {}),
    ...(so !== undefined ? { sort_order: so } : {}),
  }
}

/**
 * The reference's PUT sends its whole create body, `project_id` and `type` included, though
 * it ignores both. They are taken when they describe the ticket as it is; a different one
 * is refused rather than silently dropped, as neither can change here.
 */
async function assertSameTicket(
  svc: TicketService,
  ref: string,
  project: string | number | undefined,
  type: string | undefined,
) {
  const t = await svc.getTicket(ref)
  if (type !== undefined && type !== t.type)
    throw invalid(
      `ticket ${t.key} is a ${t.type}; its type cannot change`,
      `leave "type" out, or create a ${type} and move the work there`,
    )
  if (
    project !== undefined &&
    !(await sameThing(String(project), t.project_prefix, keys(svc).project))
  )
    throw invalid(
      `ticket ${t.key} belongs to project ${t.project_prefix}; it cannot move`,
      'leave "project_id" out, or clone the ticket into the other project',
    )
}

export function ticketRoutes(app: App, { host, service }: RouteDeps): void {
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
  // The most asked route: the session is read in the same snapshot as the ticket (decision 0044).
  const readAs = readAsCaller(host)
  app.get(
    '/api/tickets/:ref',
    { schema: { tags, params, querystring: TicketGetQuery }, config: { sessionInRead: true } },
    (req) =>
      req.query.brief
        ? readAs(req, (svc) => svc.getTicket(req.params.ref))
        : readAs(
            req,
            (svc) => svc.getTicketWithRecords(req.params.ref),
            (token) => host.ticketWithRecordsAs(token, req.params.ref),
          ),
  )
  for (const method of ['PUT', 'PATCH'] as const)
    app.route({
      method,
      url: '/api/tickets/:ref',
      schema: { tags, params, body: TicketPatchBody },
      handler: async (req) => {
        const svc = service(req)
        const { message, project_id, type, ...body } = req.body
        if (project_id !== undefined || type !== undefined)
          await assertSameTicket(svc, req.params.ref, project_id, type)
        const patch = toPatch(body)
        const ticket =
          Object.keys(patch).length > 0 || !message?.trim()
            ? await svc.updateTicket(req.params.ref, patch)
            : undefined
        if (!message?.trim()) return ticket
        await svc.addComment(req.params.ref, message)
        return svc.getTicket(req.params.ref)
      },
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
