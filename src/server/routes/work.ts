import type { App, RouteDeps } from '../app-type.ts'
import { TicketParams } from '../schemas/common.ts'
import { NextQuery, TreeQuery } from '../schemas/projects.ts'
import { AssignBody, ClaimBody, ParentBody, StageBody, StateBody } from '../schemas/tickets.ts'
import { either, keys } from './aliases.ts'

/** Lifecycle, hierarchy, assignment and the work queue. */
export function workRoutes(app: App, { service, metrics }: RouteDeps): void {
  const tags = ['work']
  const params = TicketParams

  app.post('/api/tickets/:ref/state', { schema: { tags, params, body: StateBody } }, (req) =>
    service(req).setState(req.params.ref, req.body.state, {
      force: req.body.force ?? false,
      final: req.body.final ?? false,
    }),
  )
  app.post('/api/tickets/:ref/stage', { schema: { tags, params, body: StageBody } }, (req) =>
    service(req).setStage(req.params.ref, req.body.stage),
  )
  app.post('/api/tickets/:ref/parent', { schema: { tags, params, body: ParentBody } }, (req) =>
    service(req).setParent(req.params.ref, req.body.parent),
  )
  app.delete('/api/tickets/:ref/parent', { schema: { tags, params } }, (req) =>
    service(req).unsetParent(req.params.ref),
  )
  app.post('/api/tickets/:ref/assign', { schema: { tags, params, body: AssignBody } }, (req) =>
    service(req).assign(req.params.ref, req.body.assignee),
  )
  app.post('/api/tickets/:ref/unassign', { schema: { tags, params } }, (req) =>
    service(req).unassign(req.params.ref),
  )
  app.post('/api/tickets/:ref/unclaim', { schema: { tags, params } }, (req) =>
    service(req).unclaim(req.params.ref),
  )
  app.post('/api/tickets/claim', { schema: { tags, body: ClaimBody } }, async (req) => {
    const svc = service(req)
    const { ticket, ticket_id, ticket_ref, project: ours, project_id, dry_run } = req.body
    const k = keys(svc)
    const theirs = await either(['ticket_id', ticket_id], ['ticket_ref', ticket_ref], k.ticket)
    const ref = await either(['ticket', ticket], ['ticket_id', theirs], k.ticket)
    // The reference's project_id 0 means "any project".
    const pid = project_id === undefined || String(project_id) === '0' ? undefined : project_id
    const project = await either(['project', ours], ['project_id', pid], k.project)
    const result = await svc.claim({
      ...(ref ? { ticket: ref } : {}),
      ...(project ? { project } : {}),
      dry_run: dry_run ?? false,
    })
    if (!dry_run) metrics.claims.inc({ result: result.status.toLowerCase() })
    return result
  })
  app.get('/api/next', { schema: { tags, querystring: NextQuery } }, (req) =>
    service(req).next(req.query),
  )
  app.get('/api/tree', { schema: { tags, querystring: TreeQuery } }, (req) =>
    service(req).tree(req.query),
  )
}
