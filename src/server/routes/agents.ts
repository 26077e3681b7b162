/** @module `/api/agents…`: admin routes over agent accounts, and the agents' work protocol. */
import { parseBreakdown } from '../../domain/breakdown.ts'
import { childTypesOf } from '../../domain/ticket.ts'
import type { App, RouteDeps } from '../app-type.ts'
import { requireBasic } from '../auth.ts'
import {
  AgentConfigBody,
  AgentConfigParams,
  AgentParams,
  AgentPasswordBody,
  AgentReportBody,
  BreakdownBody,
  ChatLimitsBody,
  ChatSettingsBody,
  HeartbeatBody,
  NewAgentBody,
  ReleaseBody,
  WorkRequestBody,
} from '../schemas/agents.ts'
import { EnabledBody } from '../schemas/auth.ts'
import { TicketParams } from '../schemas/common.ts'
import { StoryParams } from '../schemas/organisation.ts'
import { either, keys } from './aliases.ts'

/** Admin routes; the service refuses everyone but admins. */
function adminRoutes(app: App, { service }: RouteDeps) {
  const tags = ['agents']
  const params = AgentParams
  app.get('/api/agents', { schema: { tags } }, (req) => service(req).listAgents())
  app.get('/api/agents/statuses', { schema: { tags } }, async (req) =>
    (await service(req).listAgents()).map(({ ticket_key, project_prefix, ...agent }) => ({
      agent,
      ticket_key,
      project_name: project_prefix,
    })),
  )
  // A request without a body means "no options", as `{}` does.
  const preValidation = async (req: { body: unknown }) => {
    req.body ??= {}
  }
  app.post(
    '/api/agents',
    { schema: { tags, body: NewAgentBody }, preValidation },
    async (req, reply) => reply.code(201).send(await service(req).createAgent(req.body)),
  )
  for (const method of ['PATCH', 'PUT'] as const)
    app.route({
      method,
      url: '/api/agents/:id',
      schema: { tags, params, body: NewAgentBody },
      // A new password ends the agent's sessions.
      config: { endsSessions: true },
      handler: (req) => service(req).updateAgent(req.params.id, req.body),
    })
  app.delete(
    '/api/agents/:id',
    { schema: { tags, params }, config: { endsSessions: true } },
    async (req) => {
      await service(req).deleteAgent(req.params.id)
      return { status: 'deleted' }
    },
  )
  app.post('/api/agents/:id/enable', { schema: { tags, params } }, (req) =>
    service(req).setAgentEnabled(req.params.id, true),
  )
  app.post(
    '/api/agents/:id/disable',
    { schema: { tags, params }, config: { endsSessions: true } },
    (req) => service(req).setAgentEnabled(req.params.id, false),
  )
  app.post(
    '/api/agents/:id/reset-password',
    {
      schema: { tags, params, body: AgentPasswordBody },
      config: { endsSessions: true },
      preValidation,
    },
    (req) => service(req).resetAgentPassword(req.params.id, req.body?.password),
  )
  app.get('/api/agents/:id/config', { schema: { tags, params } }, (req) =>
    service(req).listAgentConfig(req.params.id),
  )
  app.post('/api/agents/:id/config', { schema: { tags, params, body: AgentConfigBody } }, (req) =>
    service(req).setAgentConfig(req.params.id, req.body.key, req.body.value),
  )
  app.delete(
    '/api/agents/:id/config/:key',
    { schema: { tags, params: AgentConfigParams } },
    async (req) => {
      await service(req).deleteAgentConfig(req.params.id, req.params.key)
      return { status: 'deleted' }
    },
  )
}

/** The work protocol, for agents signed in with HTTP Basic; the service refuses people. */
function workProtocol(app: App, { service }: RouteDeps) {
  const tags = ['agent work']
  // Refused from the headers, before the body is read, in the words of the work protocol.
  const onRequest = requireBasic
  app.post('/api/agents/register', { schema: { tags }, onRequest }, async (req) => ({
    status: 'ok',
    agent: await service(req).registerAgent(),
  }))
  app.post('/api/agents/heartbeat', { schema: { tags, body: HeartbeatBody }, onRequest }, (req) =>
    service(req).heartbeat(req.body?.status, req.body?.ticket),
  )
  app.post(
    '/api/agents/request',
    { schema: { tags, body: WorkRequestBody }, onRequest },
    async (req) => {
      const b = req.body ?? {}
      const svc = service(req)
      const k = keys(svc)
      // The reference's project_id 0 means "any project".
      const pid =
        b.project_id === undefined || String(b.project_id) === '0' ? undefined : b.project_id
      const project = await either(['project', b.project], ['project_id', pid], k.project)
      const ticket = await either(['ticket', b.ticket], ['ticket_id', b.ticket_id], k.ticket)
      return svc.requestWork({
        ...(project && project !== '0' ? { project } : {}),
        ...(ticket ? { ticket } : {}),
        dry_run: b.dry_run ?? false,
      })
    },
  )
  app.post(
    '/api/agents/tickets/:ref/update',
    { schema: { tags, params: TicketParams, body: AgentReportBody }, onRequest },
    (req) => {
      const { outcome, reason, exit_code, ...rest } = req.body
      return service(req).reportWork(req.params.ref, {
        ...rest,
        outcome: outcome ?? 'success',
        ...(reason ? { reason } : {}),
        ...(exit_code !== undefined ? { exit_code } : {}),
      })
    },
  )
  app.post(
    '/api/agents/tickets/:ref/release',
    { schema: { tags, params: TicketParams, body: ReleaseBody }, onRequest },
    (req) => service(req).releaseWork(req.params.ref, req.body?.reason ?? ''),
  )
}

/** The chat channel's switch and limits (api.md "Chat"). */
function chatConfigRoutes(app: App, { service }: RouteDeps) {
  const tags = ['meta']
  app.get('/api/config/chat', { schema: { tags } }, (req) => service(req).chatSettings())
  app.post('/api/config/chat', { schema: { tags, body: ChatSettingsBody } }, (req) =>
    service(req).setChatSettings(req.body),
  )
  // The reference's two routes, for clients written against it.
  app.post('/api/config/chat_enabled', { schema: { tags, body: EnabledBody } }, async (req) => ({
    chat_enabled: (await service(req).setChatSettings({ chat_enabled: req.body.enabled }))
      .chat_enabled,
  }))
  app.post('/api/config/chat_limits', { schema: { tags, body: ChatLimitsBody } }, (req) =>
    service(req).setChatSettings({
      ...(req.body.max_connections ? { chat_max_connections: req.body.max_connections } : {}),
      ...(req.body.max_duration_minutes
        ? { chat_max_duration_seconds: req.body.max_duration_minutes * 60 }
        : {}),
    }),
  )
}

/** Analyse: the LLM's breakdown of a ticket, created as its children. */
function analyseRoutes(app: App, { service }: RouteDeps) {
  const tags = ['analyse']
  const params = TicketParams
  app.post('/api/tickets/:ref/analyse', { schema: { tags, params } }, async (req, reply) =>
    reply.code(201).send(await service(req).analyse(req.params.ref)),
  )
  // The same analysis, answered as a proposal and created only once a person accepts it.
  app.post('/api/tickets/:ref/analyse/proposal', { schema: { tags, params } }, (req) =>
    service(req).proposeBreakdown(req.params.ref),
  )
  app.post(
    '/api/stories/:id/analyse',
    { schema: { tags, params: StoryParams } },
    async (req, reply) => reply.code(201).send(await service(req).analyseStory(req.params.id)),
  )
  app.post(
    '/api/tickets/:ref/breakdown',
    { schema: { tags, params, body: BreakdownBody } },
    async (req, reply) => {
      const svc = service(req)
      const parent = await svc.getTicket(req.params.ref)
      // The same checks as an LLM's answer: types the parent may hold, non-blank titles.
      const breakdown = parseBreakdown(JSON.stringify(req.body), childTypesOf(parent.type))
      return reply.code(201).send(await svc.addBreakdown(parent.key, breakdown))
    },
  )
}

export function agentRoutes(app: App, deps: RouteDeps): void {
  adminRoutes(app, deps)
  workProtocol(app, deps)
  analyseRoutes(app, deps)
  chatConfigRoutes(app, deps)
}
