import { invalid } from '../../domain/errors.ts'
import type { ReviewDecision, ReviewStatus } from '../../domain/requirement.ts'
import type { StoryStatus } from '../../domain/story.ts'
import type { App, RouteDeps } from '../app-type.ts'
import { ProjectParams, TicketParams } from '../schemas/common.ts'
import {
  CurateBody,
  NewStoryBody,
  RequirementsQuery,
  ReviewBody,
  StoriesQuery,
  StoryParams,
  StoryPatchBody,
  StoryTicketBody,
  StoryTicketParams,
} from '../schemas/organisation.ts'
import { either, keys, required, sameThing } from './aliases.ts'

// The service checks statuses and decisions and says what it expects.
export function planningRoutes(app: App, { service }: RouteDeps): void {
  const tags = ['planning']
  app.post('/api/stories', { schema: { tags, body: NewStoryBody } }, async (req, reply) => {
    const svc = service(req)
    const { project, project_id, ...rest } = req.body
    const p = await either(['project', project], ['project_id', project_id], keys(svc).project)
    return reply
      .code(201)
      .send(await svc.createStory({ ...rest, project: required(p, 'project', 'CUS') }))
  })
  app.get(
    '/api/projects/:project/stories',
    { schema: { tags, params: ProjectParams, querystring: StoriesQuery } },
    (req) =>
      service(req).listStories({
        project: req.params.project,
        ...(req.query.status ? { status: req.query.status as StoryStatus } : {}),
      }),
  )
  app.get('/api/stories/:id', { schema: { tags, params: StoryParams } }, (req) =>
    service(req).getStory(req.params.id),
  )
  for (const method of ['PUT', 'PATCH'] as const)
    app.route({
      method,
      url: '/api/stories/:id',
      schema: { tags, params: StoryParams, body: StoryPatchBody },
      handler: async (req) => {
        const { status, project_id, ...rest } = req.body
        const svc = service(req)
        if (project_id !== undefined) {
          const story = await svc.getStory(req.params.id)
          if (!(await sameThing(String(project_id), story.project_prefix, keys(svc).project)))
            throw invalid(
              `story ${story.id} belongs to project ${story.project_prefix}; it cannot move`,
              'leave "project_id" out, or create the story in the other project',
            )
        }
        return svc.updateStory(req.params.id, {
          ...rest,
          ...(status ? { status: status as StoryStatus } : {}),
        })
      },
    })
  app.delete('/api/stories/:id', { schema: { tags, params: StoryParams } }, async (req) => {
    await service(req).deleteStory(req.params.id)
    return { status: 'deleted' }
  })
  app.post(
    '/api/stories/:id/tickets',
    { schema: { tags, params: StoryParams, body: StoryTicketBody } },
    (req) => service(req).linkStory(req.params.id, req.body.ticket),
  )
  app.delete(
    '/api/stories/:id/tickets/:ticket',
    { schema: { tags, params: StoryTicketParams } },
    (req) => service(req).unlinkStory(req.params.id, req.params.ticket),
  )

  app.get(
    '/api/projects/:project/requirements',
    { schema: { tags, params: ProjectParams, querystring: RequirementsQuery } },
    (req) =>
      service(req).listRequirements({
        project: req.params.project,
        ...(req.query.review_status
          ? { review_status: req.query.review_status as ReviewStatus }
          : {}),
      }),
  )
  app.post(
    '/api/tickets/:ref/review',
    { schema: { tags, params: TicketParams, body: ReviewBody } },
    (req) =>
      service(req).reviewRequirement(req.params.ref, {
        ...req.body,
        decision: req.body.decision as ReviewDecision,
      }),
  )
  app.post('/api/requirements', { schema: { tags, body: CurateBody } }, async (req, reply) =>
    reply.code(201).send(await service(req).curateRequirement(req.body)),
  )
}
