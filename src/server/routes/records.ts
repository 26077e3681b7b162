import { invalid } from '../../domain/errors.ts'
import type { TicketService } from '../../service/ticket-service.ts'
import type { App, RouteDeps } from '../app-type.ts'
import { dependencyPair } from '../original-shapes.ts'
import { TicketParams } from '../schemas/common.ts'
import {
  CommentBody,
  DependencyBody,
  DependencyPair,
  DependencyParams,
  HistoryListQuery,
  LimitQuery,
} from '../schemas/tickets.ts'
import { eitherExact, keys, required, sameThing } from './aliases.ts'

/** The reference's `project_id` beside a dependency: the ticket must be in that project. */
/** The ticket of a reference-shaped pair, checked to be in `project` when one is sent. */
async function inProject(svc: TicketService, ticket: string, project: string | number | undefined) {
  const t = await svc.getTicket(ticket)
  if (project === undefined || String(project) === '0') return t
  if (!(await sameThing(t.project_prefix, String(project), keys(svc).project)))
    throw invalid(
      `ticket ${t.key} is not in project ${project}`,
      `it is in ${t.project_prefix}; send that project_id, or none`,
    )
  return t
}

/** Comments, history and dependencies of tickets. */
export function recordRoutes(app: App, { service }: RouteDeps): void {
  const tags = ['records']
  const params = TicketParams

  app.get(
    '/api/tickets/:ref/comments',
    { schema: { tags, params, querystring: LimitQuery } },
    (req) => service(req).listComments(req.params.ref, req.query.limit),
  )
  app.post(
    '/api/tickets/:ref/comments',
    { schema: { tags, params, body: CommentBody } },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await service(req).addComment(
            req.params.ref,
            required(
              eitherExact(['text', req.body.text], ['comment', req.body.comment]),
              'text',
              '…',
            ),
          ),
        ),
  )
  app.get('/api/tickets/:ref/history', { schema: { tags, params } }, (req) =>
    service(req).listHistory({ ticket: req.params.ref }),
  )
  app.get('/api/tickets/:ref/conversation', { schema: { tags, params } }, (req) =>
    service(req).conversation(req.params.ref),
  )
  app.get('/api/history', { schema: { tags, querystring: HistoryListQuery } }, (req) =>
    service(req).listHistory({ limit: 100, ...req.query }),
  )

  app.get('/api/tickets/:ref/dependencies', { schema: { tags, params } }, (req) =>
    service(req).listDependencies(req.params.ref),
  )
  app.post(
    '/api/tickets/:ref/dependencies',
    { schema: { tags, params, body: DependencyBody } },
    async (req, reply) =>
      reply.code(201).send(await service(req).addDependency(req.params.ref, req.body.depends_on)),
  )
  app.delete(
    '/api/tickets/:ref/dependencies/:on',
    { schema: { tags, params: DependencyParams } },
    (req) => service(req).removeDependency(req.params.ref, req.params.on),
  )
  // The reference's shape: the pair in the body (POST) or the query (DELETE).
  app.post('/api/dependencies', { schema: { tags, body: DependencyPair } }, async (req, reply) => {
    const svc = service(req)
    const t = await inProject(svc, req.body.ticket_id, req.body.project_id)
    const d = await svc.addDependency(t.key, req.body.depends_on)
    return reply.code(201).send(dependencyPair(d, { ticket_id: t.key, project_id: t.project_id }))
  })
  app.delete(
    '/api/dependencies',
    { schema: { tags, querystring: DependencyPair } },
    async (req) => {
      const svc = service(req)
      const t = await inProject(svc, req.query.ticket_id, req.query.project_id)
      const d = await svc.removeDependency(t.key, req.query.depends_on)
      return dependencyPair(d, { ticket_id: t.key, project_id: t.project_id }, 'deleted')
    },
  )
}
