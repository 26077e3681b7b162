import type { ProjectRole } from '../../domain/access.ts'
import { invalid, notFound } from '../../domain/errors.ts'
import type { TeamRole } from '../../domain/team.ts'
import type { UserRole, UserType } from '../../domain/user.ts'
import type { WorkflowExport } from '../../domain/workflow.ts'
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

// The service checks every value (roles, types, names) and says what it expects.
const workflowOf = (b: {
  workflow?: string | undefined
  workflow_id?: string | number | undefined
}) => {
  const w = b.workflow ?? (b.workflow_id === undefined ? undefined : String(b.workflow_id))
  if (w === undefined) throw invalid('workflow is required', 'send "workflow": "default"')
  return w
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
    async (req, reply) =>
      reply.code(201).send(await service(req).addWorkflowStage(req.params.ref, req.body)),
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
    (req) => service(req).reorderWorkflowStages(req.params.ref, req.body.stages),
  )
  app.post(
    '/api/projects/:project/workflow',
    { schema: { tags, params: ProjectParams, body: SetWorkflowBody } },
    (req) => service(req).setWorkflow({ project: req.params.project }, workflowOf(req.body)),
  )
  app.delete(
    '/api/projects/:project/workflow',
    { schema: { tags, params: ProjectParams } },
    (req) => service(req).unsetWorkflow({ project: req.params.project }),
  )
  app.post(
    '/api/tickets/:ref/workflow',
    { schema: { tags, params: TicketParams, body: SetWorkflowBody } },
    (req) => service(req).setWorkflow({ ticket: req.params.ref }, workflowOf(req.body)),
  )
  app.delete('/api/tickets/:ref/workflow', { schema: { tags, params: TicketParams } }, (req) =>
    service(req).unsetWorkflow({ ticket: req.params.ref }),
  )
}

export function roleRoutes(app: App, { service }: RouteDeps): void {
  const tags = ['roles']
  const params = RefParams
  app.get('/api/roles', { schema: { tags } }, (req) => service(req).listRoles())
  app.post('/api/roles', { schema: { tags, body: NewRoleBody } }, async (req, reply) =>
    reply.code(201).send(await service(req).createRole(req.body)),
  )
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
  app.post('/api/users/:username/disable', { schema: { tags, params } }, (req) =>
    service(req).setUserEnabled(req.params.username, false),
  )
  app.post(
    '/api/users/:username/reset-password',
    {
      schema: { tags, params, body: OptionalPasswordBody },
      preValidation: async (req) => {
        req.body ??= {}
      },
    },
    (req) => service(req).resetPassword(req.params.username, req.body.password),
  )
  app.delete('/api/users/:username', { schema: { tags, params } }, async (req) => {
    await service(req).deleteUser(req.params.username)
    return { status: 'deleted' }
  })
}

export function teamRoutes(app: App, { service }: RouteDeps): void {
  const tags = ['teams']
  const params = RefParams
  app.get('/api/teams', { schema: { tags } }, (req) => service(req).listTeams())
  app.post('/api/teams', { schema: { tags, body: NewTeamBody } }, async (req, reply) =>
    reply.code(201).send(await service(req).createTeam(req.body)),
  )
  app.get('/api/teams/:ref', { schema: { tags, params } }, (req) =>
    service(req).getTeam(req.params.ref),
  )
  for (const method of ['PUT', 'PATCH'] as const)
    app.route({
      method,
      url: '/api/teams/:ref',
      schema: { tags, params, body: TeamPatchBody },
      handler: (req) => service(req).updateTeam(req.params.ref, req.body),
    })
  app.delete('/api/teams/:ref', { schema: { tags, params } }, async (req) => {
    await service(req).deleteTeam(req.params.ref)
    return { status: 'deleted' }
  })
  app.get('/api/teams/:ref/users', { schema: { tags, params } }, (req) =>
    service(req).listTeamMembers(req.params.ref),
  )
  app.post('/api/teams/:ref/users', { schema: { tags, params, body: TeamMemberBody } }, (req) => {
    const { role, ...rest } = req.body
    return service(req).addTeamMember(req.params.ref, {
      ...rest,
      ...(role ? { role: role as TeamRole } : {}),
    })
  })
  app.delete(
    '/api/teams/:ref/users/:username',
    { schema: { tags, params: TeamMemberParams } },
    async (req) => {
      await service(req).removeTeamMember(req.params.ref, req.params.username)
      return { status: 'deleted' }
    },
  )
  app.get(
    '/api/teams/:ref/agents',
    { schema: { tags, params } },
    async (req) => (await service(req).getTeam(req.params.ref)).agents,
  )
  app.post('/api/teams/:ref/agents', { schema: { tags, params, body: TeamAgentBody } }, (req) => {
    const agent = req.body.agent ?? req.body.agent_id
    if (agent === undefined) throw invalid('agent is required', 'send "agent": "<name or id>"')
    return service(req).addTeamAgent(req.params.ref, agent)
  })
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
    (req) =>
      service(req).addProjectMember(req.params.project, {
        username: req.body.username,
        role: req.body.role as ProjectRole,
      }),
  )
  app.delete(
    '/api/projects/:project/users/:username',
    { schema: { tags, params: MemberParams } },
    async (req) => {
      await service(req).removeProjectMember(req.params.project, req.params.username)
      return { status: 'deleted' }
    },
  )
  app.get('/api/projects/:project/teams', { schema: { tags, params } }, (req) =>
    service(req).listProjectTeams(req.params.project),
  )
  app.post(
    '/api/projects/:project/teams',
    { schema: { tags, params, body: ProjectTeamBody } },
    (req) =>
      service(req).addProjectTeam(req.params.project, {
        team: req.body.team,
        role: req.body.role as ProjectRole,
      }),
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
