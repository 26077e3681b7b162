import { Readable } from 'node:stream'
import { parseSnapshot } from '../../domain/snapshot.ts'
import type { App, RouteDeps } from '../app-type.ts'
import { Message, ProjectParams, TicketParams } from '../schemas/common.ts'
import { BoardQuery, CountQuery, ForceQuery, HealthBody, SnapshotBody } from '../schemas/records.ts'
import { either, keys } from './aliases.ts'

// Snapshots hold a whole workspace, so their upload may be larger than other bodies; it is
// parsed whole, so the limit bounds the memory an import takes (docs/authorisation.md).
export const SNAPSHOT_LIMIT = 64 * 1024 * 1024

/** Board, counts, summary, clone, health, diagnostics, export and import. */
export function viewRoutes(app: App, { service }: RouteDeps): void {
  const tags = ['views']
  app.get(
    '/api/projects/:project/board',
    { schema: { tags, params: ProjectParams, querystring: BoardQuery } },
    (req) => service(req).board({ ...req.query, project: req.params.project }),
  )
  app.get('/api/count', { schema: { tags, querystring: CountQuery } }, async (req) => {
    const svc = service(req)
    const { project: ours, project_id } = req.query
    const project = await either(['project', ours], ['project_id', project_id], keys(svc).project)
    return svc.count(project ? { project } : {})
  })
  app.get('/api/projects/:project/summary', { schema: { tags, params: ProjectParams } }, (req) =>
    service(req).summary(req.params.project),
  )
  app.post(
    '/api/tickets/:ref/clone',
    {
      schema: { tags, params: TicketParams, body: Message },
      // reference/api.md: the body is optional; its message becomes the clone's first comment.
      preValidation: async (req) => {
        req.body ??= {}
      },
    },
    async (req, reply) => {
      const svc = service(req)
      const clone = await svc.cloneTicket(req.params.ref)
      const message = req.body.message?.trim()
      if (message) await svc.addComment(clone.key, message)
      return reply.code(201).send(clone)
    },
  )
  app.post(
    '/api/tickets/:ref/health',
    { schema: { tags, params: TicketParams, body: HealthBody } },
    (req) => service(req).setHealth(req.params.ref, req.body.score),
  )
  app.post('/api/tickets/:ref/health/check', { schema: { tags, params: TicketParams } }, (req) =>
    service(req).checkHealth(req.params.ref),
  )
  app.post('/api/projects/:project/health', { schema: { tags, params: ProjectParams } }, (req) =>
    service(req).checkProjectHealth(req.params.project),
  )
  app.get('/api/doctor', { schema: { tags } }, (req) => service(req).checkDatabase())
  app.get('/api/projects/:project/doctor', { schema: { tags, params: ProjectParams } }, (req) =>
    service(req).diagnoseProject(req.params.project),
  )
  app.get('/api/tickets/:ref/doctor', { schema: { tags, params: TicketParams } }, (req) =>
    service(req).diagnoseTicket(req.params.ref),
  )
  // Streamed as it is read (the layout `tk export` writes), so a large workspace never sits
  // in the server's memory; the caller is authorised before the first byte.
  app.get('/api/export', { schema: { tags } }, async (req, reply) => {
    const text = await service(req).exportSnapshotText()
    return reply.type('application/json; charset=utf-8').send(Readable.from(text))
  })
  app.post(
    '/api/import',
    {
      bodyLimit: SNAPSHOT_LIMIT,
      // Only an admin's upload is read at all, so nobody else can make the server hold 64 MB.
      // An import replaces the users, and so ends every session.
      config: { bodyFrom: { admin: 'import a snapshot' }, endsSessions: true },
      schema: { tags, body: SnapshotBody, querystring: ForceQuery },
    },
    (req) =>
      service(req).importSnapshot(parseSnapshot(req.body), { force: req.query.force ?? false }),
  )
}
