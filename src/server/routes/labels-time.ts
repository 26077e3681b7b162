import { invalid, notFound } from '../../domain/errors.ts'
import type { App, RouteDeps } from '../app-type.ts'
import { Closed, Int, ProjectParams, TicketParams } from '../schemas/common.ts'
import {
  ForceQuery,
  LabelParams,
  LabelPatchBody,
  NewLabelBody,
  TicketLabelBody,
  TicketLabelParams,
  TimeBody,
  TimeParams,
} from '../schemas/records.ts'
import { either, required } from './aliases.ts'

/** Labels of projects and tickets, and time logged on tickets. */
export function labelTimeRoutes(app: App, { service }: RouteDeps): void {
  const tags = ['labels and time']
  app.get('/api/projects/:project/labels', { schema: { tags, params: ProjectParams } }, (req) =>
    service(req).listLabels(req.params.project),
  )
  app.post(
    '/api/projects/:project/labels',
    { schema: { tags, params: ProjectParams, body: NewLabelBody } },
    async (req, reply) =>
      reply
        .code(201)
        .send(await service(req).createLabel({ project: req.params.project, ...req.body })),
  )
  for (const method of ['PUT', 'PATCH'] as const)
    app.route({
      method,
      url: '/api/projects/:project/labels/:label',
      schema: { tags, params: LabelParams, body: LabelPatchBody },
      handler: (req) => service(req).updateLabel(req.params.project, req.params.label, req.body),
    })
  // The reference's form: a label by its id alone. Ids are unique across projects, so the
  // label is found among the projects the caller can see (others stay invisible: 404).
  app.delete(
    '/api/labels/:id',
    { schema: { tags, params: Closed({ id: Int('label id') }), querystring: ForceQuery } },
    async (req) => {
      const svc = service(req)
      for (const p of await svc.listProjects()) {
        const label = (await svc.listLabels(p.prefix)).find((l) => l.id === req.params.id)
        if (!label) continue
        await svc.deleteLabel(p.prefix, String(label.id), { force: req.query.force ?? false })
        return { status: 'deleted' }
      }
      throw notFound(`label ${req.params.id} not found`, 'see the labels with tk label ls')
    },
  )
  app.delete(
    '/api/projects/:project/labels/:label',
    { schema: { tags, params: LabelParams, querystring: ForceQuery } },
    async (req) => {
      await service(req).deleteLabel(req.params.project, req.params.label, {
        force: req.query.force ?? false,
      })
      return { status: 'deleted' }
    },
  )
  app.get('/api/tickets/:ref/labels', { schema: { tags, params: TicketParams } }, (req) =>
    service(req).ticketLabels(req.params.ref),
  )
  app.post(
    '/api/tickets/:ref/labels',
    { schema: { tags, params: TicketParams, body: TicketLabelBody } },
    async (req) => {
      const svc = service(req)
      // A label's name and id are told apart among the labels of the ticket's project.
      const labelKey = async (ref: string) => {
        const t = await svc.getTicket(req.params.ref)
        const r = ref.trim().toLowerCase()
        const l = (await svc.listLabels(t.project_prefix)).find(
          (x) => String(x.id) === r || x.name.toLowerCase() === r,
        )
        if (!l) throw invalid(`label "${ref}" not found`)
        return l.id
      }
      const { label, label_id } = req.body
      const ref = await either(['label', label], ['label_id', label_id], labelKey)
      return svc.addLabel(req.params.ref, required(ref, 'label', 'urgent'))
    },
  )
  app.delete(
    '/api/tickets/:ref/labels/:label',
    { schema: { tags, params: TicketLabelParams } },
    (req) => service(req).removeLabel(req.params.ref, req.params.label),
  )

  app.get('/api/tickets/:ref/time', { schema: { tags, params: TicketParams } }, (req) =>
    service(req).listTime(req.params.ref),
  )
  app.post(
    '/api/tickets/:ref/time',
    { schema: { tags, params: TicketParams, body: TimeBody } },
    async (req, reply) =>
      reply.code(201).send(await service(req).logTime({ ticket: req.params.ref, ...req.body })),
  )
  app.get('/api/tickets/:ref/time/total', { schema: { tags, params: TicketParams } }, (req) =>
    service(req).timeTotal(req.params.ref),
  )
  app.delete('/api/time/:id', { schema: { tags, params: TimeParams } }, async (req) => {
    await service(req).deleteTime(req.params.id)
    return { status: 'deleted' }
  })
}
