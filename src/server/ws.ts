/** @module `/api/ws`: live change events, each delivered only to connections that may read it. */
import type { FastifyRequest } from 'fastify'
import { Compile } from 'typebox/compile'
import type { WebSocket } from 'ws'
import type { TicketEvent } from '../domain/events.ts'
import type { User } from '../domain/user.ts'
import type { Audience } from '../service/service-host.ts'
import type { App, RouteDeps } from './app-type.ts'
import { requireActor } from './auth.ts'
import { ChangeCursor } from './change-cursor.ts'
import { ClientMessage, type ServerMessage } from './ws-protocol.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The writes finished when this API request began (change-cursor.ts); null otherwise. */
    changeReadAt: string | null
    /** A write counted as begun, until its answer (or abort) counts it finished. */
    changeCounted: boolean
  }
  interface FastifyContextConfig {
    /** A success here may end sessions (logout, disable, password reset…): their feeds close. */
    readonly endsSessions?: boolean
  }
}

const checkMessage = Compile(ClientMessage)
const READS = new Set(['GET', 'HEAD', 'OPTIONS'])
// Writes of a session alone, which change nothing a page shows: not counted, or every page
// would read again after its own sign-in.
const SESSION_ONLY = new Set(['/api/login', '/api/logout'])
const HEARTBEAT_MS = 30_000
// api.md "Live events": a client that cannot keep up is dropped rather than slowing everyone.
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024

type Connection = {
  readonly socket: WebSocket
  readonly user: User
  readonly token: string
  /** Prefixes asked for; null means every project the user may read. */
  projects: ReadonlySet<string> | null
  alive: boolean
}

const mayRead = (c: Connection, audience: Audience | null) =>
  c.user.role === 'admin' ||
  (audience !== null && (audience.public || audience.members.has(c.user.id)))

const send = (socket: WebSocket, message: ServerMessage | string) =>
  socket.send(typeof message === 'string' ? message : JSON.stringify(message))

export function liveRoutes(app: App, { host, metrics }: RouteDeps): void {
  const connections = new Set<Connection>()
  // Events are delivered one after another so every client sees them in the order they happened.
  let queue = Promise.resolve()

  async function deliver(event: TicketEvent) {
    if (connections.size === 0) return
    const audience = await host.audience(event.project)
    const text = JSON.stringify(event)
    for (const c of connections) {
      if (c.projects && !c.projects.has(event.project)) continue
      if (!mayRead(c, audience)) continue
      if (c.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
        c.socket.terminate()
        continue
      }
      send(c.socket, text)
    }
  }
  const cursor = new ChangeCursor()
  const unsubscribe = host.subscribe(
    (event) => {
      cursor.instant()
      queue = queue.then(() => deliver(event)).catch((err: unknown) => app.log.error({ err }))
    },
    () => connections.size > 0,
  )

  // Heartbeats keep idle connections open through proxies and notice ended sessions.
  const heartbeat = setInterval(async () => {
    for (const c of connections) {
      if (!c.alive || (await host.authenticate(c.token)) === null) {
        c.socket.terminate()
        continue
      }
      c.alive = false
      c.socket.ping()
    }
  }, HEARTBEAT_MS)
  heartbeat.unref()

  async function dropEndedSessions() {
    for (const c of connections)
      if ((await host.authenticate(c.token)) === null) {
        connections.delete(c)
        c.socket.close(1008, 'session ended')
      }
  }
  // Writes are counted from their request's start to its answer, and every read is stamped
  // with the writes finished when it began (change-cursor.ts), for signed-in callers only: the
  // number says how busy the server is, which is nobody else's business. Callback hooks, not
  // async ones, and the stamp kept on the request: every request passes through them, and
  // none needs a promise or a lookup (decision 0052).
  app.decorateRequest('changeReadAt', null)
  app.decorateRequest('changeCounted', false)
  app.addHook('onRequest', (req, _reply, done) => {
    if (req.url.startsWith('/api/')) {
      if (!READS.has(req.method) && !SESSION_ONLY.has(req.routeOptions.url ?? '')) {
        cursor.begin()
        req.changeCounted = true
      }
      req.changeReadAt = cursor.read
    }
    done()
  })
  // A feed lives no longer than its session: checked before the change's answer goes out, so
  // nothing the caller does next reaches a connection whose session it ended.
  app.addHook('onSend', (req, reply, payload, done) => {
    if (req.changeReadAt !== null && req.actor) reply.header('x-change-cursor', req.changeReadAt)
    if (req.routeOptions.config.endsSessions && reply.statusCode < 400 && connections.size > 0)
      dropEndedSessions().then(() => done(null, payload), done)
    else done(null, payload)
  })
  const finish = (req: FastifyRequest) => {
    if (!req.changeCounted) return
    req.changeCounted = false
    cursor.finish()
  }
  app.addHook('onResponse', (req, _reply, done) => {
    finish(req)
    done()
  })
  app.addHook('onRequestAbort', (req, done) => {
    finish(req)
    done()
  })

  // The sockets themselves were closed with a reconnect hint before (app.ts, closeWebSockets).
  app.addHook('onClose', async () => {
    clearInterval(heartbeat)
    unsubscribe()
  })

  app.get(
    '/api/ws',
    {
      websocket: true,
      schema: { tags: ['live'] },
      // Refuse before the upgrade, so an unauthenticated client gets a plain 401.
      preValidation: async (req) => {
        requireActor(req)
      },
    },
    (socket, req) => {
      const c: Connection = {
        socket,
        user: requireActor(req),
        token: req.token ?? '',
        projects: null,
        alive: true,
      }
      // The first listener learns who may read each project, so deletions reach the right people.
      if (connections.size === 0)
        host.primeAudiences().catch((err: unknown) => app.log.error({ err }))
      connections.add(c)
      metrics.webSockets.inc()
      socket.on('close', () => metrics.webSockets.dec())
      socket.on('pong', () => {
        c.alive = true
      })
      socket.on('close', () => connections.delete(c))
      socket.on('message', (data, isBinary) => {
        let message: unknown
        try {
          message = isBinary ? undefined : JSON.parse(data.toString())
        } catch {
          message = undefined
        }
        if (!checkMessage.Check(message))
          return send(socket, {
            type: 'error',
            error: 'send {"subscribe": ["PREFIX", …]} (an empty list means every project)',
          })
        const prefixes = message.subscribe.map((p) => p.trim().toUpperCase())
        c.projects = prefixes.length > 0 ? new Set(prefixes) : null
        send(socket, { type: 'subscribed', projects: prefixes })
      })
      send(socket, { type: 'connected', user: c.user.username, cursor: cursor.subscribed })
    },
  )
}
