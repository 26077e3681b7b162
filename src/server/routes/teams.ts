/** @module Routes for teams and their members, agents and parent teams. */
import type { TeamRole } from '../../domain/team.ts'
import type { TicketService } from '../../service/ticket-service.ts'
import type { App, RouteDeps } from '../app-type.ts'
import {
  NewTeamBody,
  RefParams,
  TeamAgentBody,
  TeamAgentParams,
  TeamMemberBody,
  TeamMemberParams,
  TeamPatchBody,
} from '../schemas/organisation.ts'
import { disagree, either, keys, memberNamed, required, userOf } from './aliases.ts'

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
