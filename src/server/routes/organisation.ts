import type { FastifyRequest } from 'fastify'
import type { ProjectRole } from '../../domain/access.ts'
import { invalid, notFound } from '../../domain/errors.ts'
import type { TeamRole } from '../../domain/team.ts'
import type { UserRole, UserType } from '../../domain/user.ts'
import type { WorkflowExport } from '../../domain/workflow.ts'
import type { TicketService } from '../../service/ticket-service.ts'
import type { App, RouteDeps } from '../app-type.ts'
import { Closed, Int, ProjectParams, TicketParams, UserParams } from '../schemas/common.ts'
import {
  ForceQuery,
  ImportQuery,
  NewRoleBody,
  NewStageBody,
  NewTeamBody,
  NewUserBody,
  NewWorkflowBody,
  OptionalPasswordBody,
  ProjectMemberBody,
  ProjectTeamBody,
  ProjectTeamParams,
  RefParams,
  ReorderBody,
  RolePatchBody,
  SetWorkflowBody,
  StageParams,
  TeamAgentBody,
  TeamAgentParams,
  TeamMemberBody,
  TeamMemberParams,
  TeamPatchBody,
  UsersQuery,
  WorkflowExportBody,
} from '../schemas/organisation.ts'
import { MemberParams } from '../schemas/projects.ts'
import { disagree, either, eitherExact, keys, required, usernameOf } from './aliases.ts'

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

/** `username`, or the reference's `user_id` (an id or a username). */
async function userOf(
  svc: TicketService,
  req: FastifyRequest,
  b: { username?: string | undefined; user_id?: string | undefined },
) {
  const theirs = b.user_id === undefined ? undefined : await usernameOf(svc, req.actor, b.user_id)
  return required(await either(['username', b.username], ['user_id', theirs]), 'username', 'alice')
}

/**
 * The username of the member a URL names by username or, as the original's clients do, by
 * user id. Looked up among the members themselves, so a project or team owner who is not
 * an admin can use ids too; a caller who may not list them gets the removal's own refusal.
 */
async function memberNamed(
  ref: string,
  members: () => Promise<readonly { username: string; user_id: string }[]>,
) {
  const all = await members().catch(() => [])
  if (all.some((m) => m.username === ref)) return ref
  return all.find((m) => m.user_id === ref)?.username ?? ref
}

/** `parent` (a team, or null for none), or the reference's `parent_team_id` (an id or null). */
async function parentOf(
  svc: TicketService,
  b: { parent?: string | null | undefined; parent_team_id?: number | null | undefined },
): Promise<string | null | undefined> {
  const [a, t] = [b.parent, b.parent_team_id]
  if (a === null || t === null) {
    if ((a === null || a === undefined) && (t === null || t === undefined)) return null
    throw disagree('parent', 'parent_team_id')
  }
  return either(['parent', a], ['parent_team_id', t], keys(svc).team)
}

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
      return reply.code(201).send(created)
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

export function roleRoutes(app: App, { service }: RouteDeps): void {
  const tags = ['roles']
  const params = RefParams
  app.get('/api/roles', { schema: { tags } }, (req) => service(req).listRoles())
  // The reference names a role by its title alone; that title then serves as the name too.
  app.post('/api/roles', { schema: { tags, body: NewRoleBody } }, async (req, reply) => {
    const { name, ...rest } = req.body
    const role = { ...rest, name: required(name ?? rest.title, 'name', 'Reviewer') }
    return reply.code(201).send(await service(req).createRole(role))
  })
  app.get('/api/roles/:ref', { schema: { tags, params } }, (req) =>
    service(req).getRole(req.params.ref),
  )
  for (const method of ['PUT', 'PATCH'] as const)
    app.route({
      method,
      url: '/api/roles/:ref',
      schema: { tags, params, body: RolePatchBody },
      handler: (req) => service(req).updateRole(req.params.ref, req.body),
    })
  app.delete(
    '/api/roles/:ref',
    { schema: { tags, params, querystring: ForceQuery } },
    async (req) => {
      await service(req).deleteRole(req.params.ref, { force: req.query.force ?? false })
      return { status: 'deleted' }
    },
  )
}

/** Admin routes over accounts; the service refuses everyone else. */
export function userRoutes(app: App, { service }: RouteDeps): void {
  const tags = ['users']
  const params = UserParams
  app.get('/api/users', { schema: { tags, querystring: UsersQuery } }, (req) =>
    service(req).listUsers(req.query),
  )
  app.post('/api/users', { schema: { tags, body: NewUserBody } }, async (req, reply) => {
    const { role, user_type, ...rest } = req.body
    const created = await service(req).createUser({
      ...rest,
      ...(role ? { role: role as UserRole } : {}),
      ...(user_type ? { user_type: user_type as UserType } : {}),
    })
    return reply.code(201).send(created)
  })
  app.post('/api/users/:username/enable', { schema: { tags, params } }, (req) =>
    service(req).setUserEnabled(req.params.username, true),
  )
  app.post(
    '/api/users/:username/disable',
    { schema: { tags, params }, config: { endsSessions: true } },
    (req) => service(req).setUserEnabled(req.params.username, false),
  )
  app.post(
    '/api/users/:username/reset-password',
    {
      schema: { tags, params, body: OptionalPasswordBody },
      config: { endsSessions: true },
      preValidation: async (req) => {
        req.body ??= {}
      },
    },
    (req) => service(req).resetPassword(req.params.username, req.body.password),
  )
  app.delete(
    '/api/users/:username',
    { schema: { tags, params }, config: { endsSessions: true } },
    async (req) => {
      await service(req).deleteUser(req.params.username)
      return { status: 'deleted' }
    },
  )
}

export function teamRoutes(app: App, { service }: RouteDeps): void {
  const tags = ['teams']
  const params = RefParams
  app.get('/api/teams', { schema: { tags } }, (req) => service(req).listTeams())
  app.post('/api/teams', { schema: { tags, body: NewTeamBody } }, async (req, reply) => {
    const svc = service(req)
    const { parent_team_id, parent, ...rest } = req.body
    const p = await parentOf(svc, { parent, parent_team_id })
    return reply.code(201).send(await svc.createTeam({ ...rest, ...(p ? { parent: p } : {}) }))
  })
  app.get('/api/teams/:ref', { schema: { tags, params } }, (req) =>
    service(req).getTeam(req.params.ref),
  )
  for (const method of ['PUT', 'PATCH'] as const)
    app.route({
      method,
      url: '/api/teams/:ref',
      schema: { tags, params, body: TeamPatchBody },
      handler: async (req) => {
        const svc = service(req)
        const { parent_team_id, parent, ...rest } = req.body
        const p = await parentOf(svc, { parent, parent_team_id })
        return svc.updateTeam(req.params.ref, {
          ...rest,
          ...(p !== undefined ? { parent: p } : {}),
        })
      },
    })
  app.delete('/api/teams/:ref', { schema: { tags, params } }, async (req) => {
    await service(req).deleteTeam(req.params.ref)
    return { status: 'deleted' }
  })
  app.get('/api/teams/:ref/users', { schema: { tags, params } }, (req) =>
    service(req).listTeamMembers(req.params.ref),
  )
  app.post(
    '/api/teams/:ref/users',
    { schema: { tags, params, body: TeamMemberBody } },
    async (req) => {
      const svc = service(req)
      const { role, username, user_id, ...rest } = req.body
      return svc.addTeamMember(req.params.ref, {
        ...rest,
        username: await userOf(svc, req, { username, user_id }),
        ...(role ? { role: role as TeamRole } : {}),
      })
    },
  )
  app.delete(
    '/api/teams/:ref/users/:username',
    { schema: { tags, params: TeamMemberParams } },
    async (req) => {
      const svc = service(req)
      const { ref, username } = req.params
      await svc.removeTeamMember(ref, await memberNamed(username, () => svc.listTeamMembers(ref)))
      return { status: 'deleted' }
    },
  )
  app.get(
    '/api/teams/:ref/agents',
    { schema: { tags, params } },
    async (req) => (await service(req).getTeam(req.params.ref)).agents,
  )
  app.post(
    '/api/teams/:ref/agents',
    { schema: { tags, params, body: TeamAgentBody } },
    async (req) => {
      const agent = await either(['agent', req.body.agent], ['agent_id', req.body.agent_id])
      return service(req).addTeamAgent(req.params.ref, required(agent, 'agent', '<name or id>'))
    },
  )
  app.delete(
    '/api/teams/:ref/agents/:agent',
    { schema: { tags, params: TeamAgentParams } },
    async (req) => {
      await service(req).removeTeamAgent(req.params.ref, req.params.agent)
      return { status: 'deleted' }
    },
  )
}

/** Who works in a project: members directly and through teams (owner or admin). */
export function memberRoutes(app: App, { service }: RouteDeps): void {
  const tags = ['projects']
  const params = ProjectParams
  app.get('/api/projects/:project/users', { schema: { tags, params } }, (req) =>
    service(req).listProjectMembers(req.params.project),
  )
  app.post(
    '/api/projects/:project/users',
    { schema: { tags, params, body: ProjectMemberBody } },
    async (req) => {
      const svc = service(req)
      return svc.addProjectMember(req.params.project, {
        username: await userOf(svc, req, req.body),
        role: req.body.role as ProjectRole,
      })
    },
  )
  app.delete(
    '/api/projects/:project/users/:username',
    { schema: { tags, params: MemberParams } },
    async (req) => {
      const svc = service(req)
      const { project, username } = req.params
      await svc.removeProjectMember(
        project,
        await memberNamed(username, () => svc.listProjectMembers(project)),
      )
      return { status: 'deleted' }
    },
  )
  app.get('/api/projects/:project/teams', { schema: { tags, params } }, (req) =>
    service(req).listProjectTeams(req.params.project),
  )
  app.post(
    '/api/projects/:project/teams',
    { schema: { tags, params, body: ProjectTeamBody } },
    async (req) => {
      const svc = service(req)
      const b = req.body
      const team = await either(['team', b.team], ['team_id', b.team_id], keys(svc).team)
      return svc.addProjectTeam(req.params.project, {
        team: required(team, 'team', 'Platform'),
        role: b.role as ProjectRole,
      })
    },
  )
  app.delete(
    '/api/projects/:project/teams/:team',
    { schema: { tags, params: ProjectTeamParams } },
    async (req) => {
      await service(req).removeProjectTeam(req.params.project, req.params.team)
      return { status: 'deleted' }
    },
  )
}
