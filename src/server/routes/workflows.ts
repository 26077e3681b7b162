/** @module Routes for workflows and their stages, and the workflow a ticket follows. */
import { invalid, notFound } from '../../domain/errors.ts'
import type { WorkflowExport } from '../../domain/workflow.ts'
import type { TicketService } from '../../service/ticket-service.ts'
import type { App, RouteDeps } from '../app-type.ts'
import { addedStage } from '../original-shapes.ts'
import { Closed, Int, ProjectParams, TicketParams } from '../schemas/common.ts'
import {
  ImportQuery,
  NewStageBody,
  NewWorkflowBody,
  RefParams,
  ReorderBody,
  SetWorkflowBody,
  StageParams,
  WorkflowExportBody,
} from '../schemas/organisation.ts'
import { disagree, either, eitherExact, keys, required } from './aliases.ts'

// The service checks every value (roles, types, names) and says what it expects.
const workflowOf = async (
  svc: TicketService,
  b: { workflow?: string | undefined; workflow_id?: string | number | undefined },
) =>
  required(
    await either(['workflow', b.workflow], ['workflow_id', b.workflow_id], keys(svc).workflow),
    'workflow',
    'default',
  )

export function workflowRoutes(app: App, { service }: RouteDeps): void {
  const tags = ['workflows']
  app.get('/api/workflows', { schema: { tags } }, (req) => service(req).listWorkflows())
  app.post('/api/workflows', { schema: { tags, body: NewWorkflowBody } }, async (req, reply) =>
    reply.code(201).send(await service(req).createWorkflow(req.body)),
  )
  // A workflow export is a document from a file: the service checks it, with its own words.
  app.post(
    '/api/workflows/import',
    { schema: { tags, body: WorkflowExportBody, querystring: ImportQuery } },
    async (req, reply) => {
      const options = req.query.name ? { name: req.query.name } : {}
      const data = req.body as WorkflowExport
      return reply.code(201).send(await service(req).importWorkflow(data, options))
    },
  )
  app.get('/api/workflows/:ref', { schema: { tags, params: RefParams } }, (req) =>
    service(req).getWorkflow(req.params.ref),
  )
  app.delete('/api/workflows/:ref', { schema: { tags, params: RefParams } }, async (req) => {
    await service(req).deleteWorkflow(req.params.ref)
    return { status: 'deleted' }
  })
  app.get('/api/workflows/:ref/export', { schema: { tags, params: RefParams } }, (req) =>
    service(req).exportWorkflow(req.params.ref),
  )
  app.post(
    '/api/workflows/:ref/stages',
    { schema: { tags, params: RefParams, body: NewStageBody } },
    async (req, reply) => {
      const svc = service(req)
      const { name, stage_name, role, role_id, position, sort_order, ...rest } = req.body
      const stage = required(
        await either(['name', name], ['stage_name', stage_name]),
        'name',
        'review',
      )
      const r = await either(['role', role], ['role_id', role_id], keys(svc).role)
      // The reference's sort_order is any number; ours is a place among the current stages.
      let place = eitherExact(['position', position], ['sort_order', sort_order])
      if (position === undefined && sort_order !== undefined)
        place = Math.min(
          Math.max(sort_order, 0),
          (await svc.getWorkflow(req.params.ref)).stages.length,
        )
      const created = await svc.addWorkflowStage(req.params.ref, {
        ...rest,
        name: stage,
        ...(r !== undefined ? { role: r } : {}),
        ...(place !== undefined ? { position: place } : {}),
      })
      return reply.code(201).send(addedStage(created, stage))
    },
  )
  // The reference's form: a stage by its id alone (stage ids are unique across workflows).
  app.delete(
    '/api/workflows/stages/:id',
    { schema: { tags, params: Closed({ id: Int('stage id') }) } },
    async (req) => {
      const svc = service(req)
      const workflow = (await svc.listWorkflows()).find((w) =>
        w.stages.some((s) => s.id === req.params.id),
      )
      if (!workflow) throw notFound(`workflow stage ${req.params.id} not found`)
      return svc.removeWorkflowStage(String(workflow.id), String(req.params.id))
    },
  )
  app.delete(
    '/api/workflows/:ref/stages/:stage',
    { schema: { tags, params: StageParams } },
    (req) => service(req).removeWorkflowStage(req.params.ref, req.params.stage),
  )
  app.put(
    '/api/workflows/:ref/reorder',
    { schema: { tags, params: RefParams, body: ReorderBody } },
    async (req) => {
      const svc = service(req)
      const { stages, stage_ids } = req.body
      const ids = stage_ids?.map(String)
      if (stages !== undefined && ids !== undefined) {
        // Names and ids may both be sent; they must list the same stages in the same order.
        const w = await svc.getWorkflow(req.params.ref)
        const idOf = (ref: string) =>
          String(w.stages.find((s) => String(s.id) === ref || s.name === ref.toLowerCase())?.id)
        if (stages.map(idOf).join() !== ids.join()) throw disagree('stages', 'stage_ids')
      }
      const order = stages ?? ids
      if (order === undefined)
        throw invalid('stages is required', 'send "stages": ["design", "develop", "test", "done"]')
      return svc.reorderWorkflowStages(req.params.ref, order)
    },
  )
  app.post(
    '/api/projects/:project/workflow',
    { schema: { tags, params: ProjectParams, body: SetWorkflowBody } },
    async (req) =>
      service(req).setWorkflow(
        { project: req.params.project },
        await workflowOf(service(req), req.body),
      ),
  )
  app.delete(
    '/api/projects/:project/workflow',
    { schema: { tags, params: ProjectParams } },
    (req) => service(req).unsetWorkflow({ project: req.params.project }),
  )
  app.post(
    '/api/tickets/:ref/workflow',
    { schema: { tags, params: TicketParams, body: SetWorkflowBody } },
    async (req) =>
      service(req).setWorkflow(
        { ticket: req.params.ref },
        await workflowOf(service(req), req.body),
      ),
  )
  app.delete('/api/tickets/:ref/workflow', { schema: { tags, params: TicketParams } }, (req) =>
    service(req).unsetWorkflow({ ticket: req.params.ref }),
  )
}
