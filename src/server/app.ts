/** @module The HTTP API as a Fastify instance, built from its dependencies and never listening. */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import fastifyCookie from '@fastify/cookie'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import fastifyWebsocket from '@fastify/websocket'
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify'
import type { ServiceHost } from '../service/service-host.ts'
import type { App, RouteDeps } from './app-type.ts'
import { addAuthentication, serviceFor } from './auth.ts'
import { addBodyGuard } from './body-guard.ts'
import { chatRoutes, type RunChat } from './chat.ts'
import { addCompression } from './compression.ts'
import {
  ErrorBody,
  errorBodySerializer,
  errorHandler,
  frameworkErrorHandler,
} from './error-handler.ts'
import { trackHandlers } from './in-flight.ts'
import { type LogOptions, loggerOptions, requestId } from './logging.ts'
import { addMetrics, createMetrics, type Metrics } from './metrics.ts'
import { addOriginCheck, WRITES } from './origin.ts'
import { agentRoutes } from './routes/agents.ts'
import { authRoutes } from './routes/auth.ts'
import { labelTimeRoutes } from './routes/labels-time.ts'
import { memberRoutes } from './routes/members.ts'
import { configRoutes, metaRoutes } from './routes/meta.ts'
import { planningRoutes } from './routes/planning.ts'
import { projectRoutes } from './routes/projects.ts'
import { recordRoutes } from './routes/records.ts'
import { roleRoutes } from './routes/roles.ts'
import { teamRoutes } from './routes/teams.ts'
import { ticketRoutes } from './routes/tickets.ts'
import { userRoutes } from './routes/users.ts'
import { viewRoutes } from './routes/views.ts'
import { workRoutes } from './routes/work.ts'
import { workflowRoutes } from './routes/workflows.ts'
import { Closed } from './schemas/common.ts'
import { addSecurityHeaders } from './security-headers.ts'
import { validatorCompiler } from './validation.ts'
import { webRoutes } from './web.ts'
import { liveRoutes } from './ws.ts'

const NoBody = Closed({}, 'this route takes no body; send nothing or {}')

export type AppDeps = LogOptions & {
  readonly host: ServiceHost
  readonly version: string
  /** Web origins besides the server's own whose pages may make cookie-authenticated changes. */
  readonly origins?: readonly string[]
  /** Behind a reverse proxy: believe its X-Forwarded-Proto/-Host/-For (`tk server -trust-proxy`). */
  readonly trustProxy?: boolean
  /** The web app's build directory, served at `/` when it holds an index.html. */
  readonly webRoot?: string
  /** What `/api/chat/ws` runs for each prompt (start.ts: the configured LLM command). */
  readonly chat: RunChat
  /** api.md: 10 per minute per client address on register and login together. */
  readonly loginsPerMinute?: number
  /** The series `/metrics` serves; start.ts passes its own so the reaper can count requeues. */
  readonly metrics?: Metrics
}

/**
 * On shutdown every WebSocket is closed with 1012 "Service Restart": the clients (web app,
 * TUI, `tk`) take it as a cue to reconnect, which a load balancer sends to another server.
 */
function closeWebSockets(this: FastifyInstance, done: () => void) {
  for (const client of this.websocketServer.clients)
    client.close(1012, 'server restarting; reconnect')
  done()
}

/**
 * The docs page's code is bundled into dist/ (decision 0038), its files stay in its package:
 * it would look for them beside its own code, so it is told where they are.
 */
function swaggerUiFiles() {
  const dir = dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui'))
  const staticDir = join(dir, 'static')
  return {
    baseDir: staticDir,
    logo: { type: 'image/svg+xml', content: readFileSync(join(staticDir, 'logo.svg')) },
  }
}

export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    // quality.md "Security": bodies are bounded at 1 MB.
    bodyLimit: 1024 * 1024,
    logger: loggerOptions(deps),
    genReqId: requestId,
    trustProxy: deps.trustProxy ?? false,
    routerOptions: { maxParamLength: 500 },
    frameworkErrors: frameworkErrorHandler,
    // Requests too malformed to parse get the same error shape as every other failure.
    clientErrorHandler: (_err, socket) => {
      if (socket.writable)
        socket.end(
          'HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{"error":"malformed request"}',
        )
    },
  }).withTypeProvider<TypeBoxTypeProvider>()

  // Unknown fields are refused, not silently dropped (api.md: validated at the edge).
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(errorBodySerializer)
  app.setErrorHandler(errorHandler)
  addSecurityHeaders(app)
  // api.md: bodies are JSON, so a cross-site form's text body is refused (415) rather than
  // parsed; an empty JSON body is a change without one (what the web app sends to close a ticket).
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.removeAllContentTypeParsers()
  app.addContentTypeParser<string>('application/json', { parseAs: 'string' }, (req, body, done) =>
    body === '' ? done(null, undefined) : parseJson(req, body, done),
  )
  await app.register(fastifyCookie)
  await addCompression(app)
  trackHandlers(app)
  // Draining: a request finished after shutdown began takes its connection with it, or a
  // keep-alive client would hold the process open until its idle timeout.
  let closing = false
  app.addHook('preClose', (done) => {
    closing = true
    done()
  })
  app.addHook('onSend', (req, reply, payload, done) => {
    reply.header('x-request-id', req.id)
    if (closing) reply.header('connection', 'close')
    done(null, payload)
  })
  await app.register(fastifyWebsocket, {
    options: { maxPayload: 64 * 1024 },
    preClose: closeWebSockets,
  })
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'ticket', version: deps.version },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'ticket_token' },
          agent: { type: 'http', scheme: 'basic' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
  })
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', ...swaggerUiFiles() })
  // Every API route documents the one error shape (api.md "Conventions").
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return
    route.schema ??= {}
    const schema = route.schema as {
      response?: Record<string, unknown>
      hide?: boolean
      body?: unknown
    }
    if (schema.hide) return
    schema.response = { ...schema.response, '4xx': ErrorBody, '5xx': ErrorBody }
    // A route that takes no body still refuses fields it would silently drop: `{}` or nothing.
    const methods = [route.method].flat()
    if (schema.body === undefined && methods.some((m) => WRITES.has(m))) {
      schema.body = NoBody
      route.preValidation = [
        async (req: FastifyRequest) => {
          req.body ??= {}
        },
        ...[route.preValidation ?? []].flat(),
      ]
    }
  })
  const metrics = deps.metrics ?? createMetrics(deps.host)
  addMetrics(app, metrics)
  addAuthentication(app, deps.host, deps.loginsPerMinute ?? 10)
  addOriginCheck(app, deps.origins)
  addBodyGuard(app)

  const routeDeps: RouteDeps = {
    host: deps.host,
    service: serviceFor(deps.host),
    version: deps.version,
    metrics,
  }
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger())
  metaRoutes(app, routeDeps)
  authRoutes(app, routeDeps, { loginsPerMinute: deps.loginsPerMinute ?? 10 })
  userRoutes(app, routeDeps)
  configRoutes(app, routeDeps)
  workflowRoutes(app, routeDeps)
  roleRoutes(app, routeDeps)
  teamRoutes(app, routeDeps)
  memberRoutes(app, routeDeps)
  planningRoutes(app, routeDeps)
  labelTimeRoutes(app, routeDeps)
  viewRoutes(app, routeDeps)
  projectRoutes(app, routeDeps)
  ticketRoutes(app, routeDeps)
  workRoutes(app, routeDeps)
  recordRoutes(app, routeDeps)
  agentRoutes(app, routeDeps)
  chatRoutes(app, { ...routeDeps, chat: deps.chat })
  liveRoutes(app, routeDeps)
  await webRoutes(app, {
    version: deps.version,
    ...(deps.webRoot ? { webRoot: deps.webRoot } : {}),
  })
  return app
}
