import type { App, RouteDeps } from '../app-type.ts'
import { ProjectParams } from '../schemas/common.ts'
import {
  HistoryQuery,
  NewProjectBody,
  ProjectPatchBody,
  TreePageQuery,
} from '../schemas/projects.ts'
import { TicketGraphQuery, TicketListQuery } from '../schemas/tickets.ts'
import { listOrSearch } from './ticket-query.ts'

export function projectRoutes(app: App, { service }: RouteDeps): void {
  const tags = ['projects']
  const params = ProjectParams

  app.get('/api/projects', { schema: { tags } }, (req) => service(req).listProjects())
  app.post('/api/projects', { schema: { tags, body: NewProjectBody } }, async (req, reply) =>
    reply.code(201).send(await service(req).createProject(req.body)),
  )
  app.get('/api/projects/:project', { schema: { tags, params } }, (req) =>
    service(req).getProject(req.params.project),
  )
  for (const method of ['PUT', 'PATCH'] as const)
    app.route({
      method,
      url: '/api/projects/:project',
      schema: { tags, params, body: ProjectPatchBody },
      handler: (req) => service(req).updateProject(req.params.project, req.body),
    })
  app.delete('/api/projects/:project', { schema: { tags, params } }, async (req) => {
    await service(req).deleteProject(req.params.project)
    return { status: 'deleted' }
  })
  // The reference's names for closing and reopening a project.
  app.post('/api/projects/:project/enable', { schema: { tags, params } }, (req) =>
    service(req).updateProject(req.params.project, { status: 'open' }),
  )
  app.post('/api/projects/:project/disable', { schema: { tags, params } }, (req) =>
    service(req).updateProject(req.params.project, { status: 'closed' }),
  )

  app.get(
    '/api/projects/:project/tickets',
    { schema: { tags, params, querystring: TicketListQuery } },
    (req, reply) => listOrSearch(service(req), req.query, reply, req.params.project),
  )
  app.get(
    '/api/projects/:project/history',
    { schema: { tags, params, querystring: HistoryQuery } },
    (req) =>
      service(req).listHistory({
        project: req.params.project,
        ...(req.query.actor !== undefined ? { actor: req.query.actor } : {}),
        limit: req.query.limit ?? 100,
      }),
  )
  app.get('/api/projects/:project/orphans', { schema: { tags, params } }, (req) =>
    service(req).listOrphans(req.params.project),
  )
  app.get('/api/projects/:project/blocked', { schema: { tags, params } }, (req) =>
    service(req).listBlocked(req.params.project),
  )
  // A bounded piece of the graph: the first open tickets in key order, their children counted.
  app.get(
    '/api/projects/:project/graph',
    { schema: { tags, params, querystring: TicketGraphQuery } },
    (req) => service(req).ticketGraph({ ...req.query, project: req.params.project }),
  )
  // A page of the hierarchy (the whole tree is `GET /api/tree?project=`).
  app.get(
    '/api/projects/:project/tree',
    { schema: { tags, params, querystring: TreePageQuery } },
    (req) => service(req).treePage({ ...req.query, project: req.params.project }),
  )
}
