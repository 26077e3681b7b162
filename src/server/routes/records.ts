import type { App, RouteDeps } from '../app-type.ts'
import { Closed, Short, TicketParams } from '../schemas/common.ts'
import {
  CommentBody,
  DependencyBody,
  DependencyParams,
  HistoryListQuery,
} from '../schemas/tickets.ts'

const DependencyPair = Closed({ ticket_id: Short(), depends_on: Short() })

/** Comments, history and dependencies of tickets. */
export function recordRoutes(app: App, { service }: RouteDeps): void {
  const tags = ['records']
  const params = TicketParams

  app.get('/api/tickets/:ref/comments', { schema: { tags, params } }, (req) =>
    service(req).listComments(req.params.ref),
  )
  app.post(
    '/api/tickets/:ref/comments',
    { schema: { tags, params, body: CommentBody } },
    async (req, reply) =>
      reply.code(201).send(await service(req).addComment(req.params.ref, req.body.text)),
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
  app.post('/api/dependencies', { schema: { tags, body: DependencyPair } }, async (req, reply) =>
    reply.code(201).send(await service(req).addDependency(req.body.ticket_id, req.body.depends_on)),
  )
  app.delete('/api/dependencies', { schema: { tags, querystring: DependencyPair } }, (req) =>
    service(req).removeDependency(req.query.ticket_id, req.query.depends_on),
  )
}
