import { randomUUID } from 'node:crypto'
import { TicketError } from '../../domain/errors.ts'
import type { TicketService } from '../../service/ticket-service.ts'
import type { App, RouteDeps } from '../app-type.ts'
import { requireAgent } from '../auth.ts'
import { AgentParams, HeartbeatBody, NewAgentBody } from '../schemas/agents.ts'

/**
 * Agents: admins create and manage them (a UUID and a password shown once); agents sign in
 * with HTTP Basic on their own routes. The work routes (request, update) come with the agents.
 */
export function agentRoutes(app: App, { host, service }: RouteDeps): void {
  const tags = ['agents']
  const params = AgentParams
  const agent = { preHandler: requireAgent(host) }
  // An empty body counts as `{}`.
  const emptyIsObject = async (req: { body: unknown }) => {
    req.body ??= {}
  }

  app.get('/api/agents', { schema: { tags } }, async (req) =>
    (await service(req).listUsers({ include_agents: true })).filter((u) => u.user_type === 'agent'),
  )
  app.post(
    '/api/agents',
    { schema: { tags, body: NewAgentBody }, preValidation: emptyIsObject },
    async (req, reply) => {
      const { user, password } = await service(req).createUser({
        username: randomUUID(),
        user_type: 'agent',
        ...req.body,
      })
      return reply.code(201).send({ agent: user, password })
    },
  )
  // Only agents are managed here (people go through /api/users); listing is admin-only.
  const agentOnly = async (svc: TicketService, id: string) => {
    const users = await svc.listUsers({ include_agents: true })
    if (!users.some((u) => u.username === id && u.user_type === 'agent'))
      throw new TicketError('not_found', `agent ${id} not found`, {
        hint: 'list them: GET /api/agents',
      })
    return svc
  }
  app.post('/api/agents/:id/enable', { schema: { tags, params } }, async (req) =>
    (await agentOnly(service(req), req.params.id)).setUserEnabled(req.params.id, true),
  )
  app.post('/api/agents/:id/disable', { schema: { tags, params } }, async (req) =>
    (await agentOnly(service(req), req.params.id)).setUserEnabled(req.params.id, false),
  )
  app.delete('/api/agents/:id', { schema: { tags, params } }, async (req) => {
    await (await agentOnly(service(req), req.params.id)).deleteUser(req.params.id)
    return { status: 'deleted' }
  })

  app.post('/api/agents/register', { schema: { tags }, ...agent }, async (req) => ({
    status: 'ok',
    agent: await host.touchAgent(req.actor!, 'idle'),
  }))
  app.post(
    '/api/agents/heartbeat',
    { schema: { tags, body: HeartbeatBody }, preValidation: emptyIsObject, ...agent },
    async (req) => {
      await host.touchAgent(req.actor!, req.body.status)
      return { status: 'ok' }
    },
  )
}
