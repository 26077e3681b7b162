/** @module Who is calling: the session token from the header, the cookie or (WebSocket only) the query. */
import type {} from '@fastify/cookie'
import type {} from '@fastify/websocket'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { TicketError } from '../domain/errors.ts'
import type { User } from '../domain/user.ts'
import type { ServiceHost } from '../service/service-host.ts'
import type { TicketService } from '../service/ticket-service.ts'
import { FailedSignIns } from './failed-sign-ins.ts'

export const TOKEN_COOKIE = 'ticket_token'

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * A GET that only reads: its handler looks the session token up in the same read as the
     * answer (`readAsCaller`) instead of before it. Until the handler runs, `req.actor` of a
     * token-carrying request is null: no hook of such a route may rely on it.
     */
    readonly sessionInRead?: boolean
  }
  interface FastifyRequest {
    /** The signed-in user, or null when no valid token came with the request. */
    actor: User | null
    /** The token the request carried, valid or not. */
    token: string | null
    /** Where the caller's credentials came from; `cookie` is what browsers send unasked. */
    credential: 'header' | 'cookie' | 'query' | null
  }
}

const BEARER = /^Bearer\s+(\S+)$/i
const BASIC = /^Basic\s+([A-Za-z0-9+/=]+)$/i

/** api.md "Authentication": agents send HTTP Basic, their UUID and password. */
function basicOf(req: FastifyRequest): { id: string; password: string } | null {
  const header = req.headers.authorization
  const encoded = header && header.length < 2000 ? BASIC.exec(header)?.[1] : undefined
  if (!encoded) return null
  const decoded = Buffer.from(encoded, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon <= 0)
    throw new TicketError('unauthenticated', 'basic auth required', {
      hint: 'send the agent UUID and password as HTTP Basic credentials',
    })
  return { id: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}

function tokenOf(req: FastifyRequest): string | null {
  const header = req.headers.authorization
  const bearer = header ? BEARER.exec(header)?.[1] : undefined
  if (bearer) {
    req.credential = 'header'
    return bearer
  }
  const cookie = req.cookies?.[TOKEN_COOKIE]
  if (cookie) {
    req.credential = 'cookie'
    return cookie
  }
  // api.md: `?token=` only on WebSocket upgrades (browsers cannot set headers there).
  if (req.ws) {
    const q = (req.query as Record<string, unknown> | undefined)?.token
    if (typeof q === 'string' && q !== '') {
      req.credential = 'query'
      return q
    }
  }
  return null
}

export function addAuthentication(
  app: FastifyInstance,
  host: ServiceHost,
  failedSignInsPerMinute = 10,
): void {
  const failures = new FailedSignIns(host, failedSignInsPerMinute)
  app.decorateRequest('actor', null)
  app.decorateRequest('token', null)
  app.decorateRequest('credential', null)
  // A callback hook, not an async one: most requests carry a token, but none need a promise
  // until the lookup.
  app.addHook('onRequest', (req, _reply, done) => {
    let basic: ReturnType<typeof basicOf>
    try {
      basic = basicOf(req)
    } catch (e) {
      return done(e as Error)
    }
    if (basic) {
      req.credential = 'header'
      // The budget is read only before a password is hashed: an agent whose password was
      // checked already costs no extra statement per call.
      host
        .authenticateAgent(basic.id, basic.password, () => failures.check(req.ip))
        .then(
          (user) => {
            req.actor = user
            done()
          },
          (e: unknown) => {
            if (!(e instanceof TicketError && e.code === 'unauthenticated')) return done(e as Error)
            failures.record(req.ip).then(() => done(e), done)
          },
        )
      return
    }
    const token = tokenOf(req)
    if (token === null || token.length > 200) return done()
    req.token = token
    // The route reads the session itself, in its own read (`readAsCaller`).
    if (req.routeOptions.config.sessionInRead && req.method === 'GET' && !req.ws) return done()
    host.authenticate(token).then((user) => {
      req.actor = user
      done()
    }, done)
  })
}

export function requireActor(req: FastifyRequest): User {
  if (req.actor) return req.actor
  throw new TicketError(
    'unauthenticated',
    req.token ? 'your session has expired or was ended' : 'sign in first',
    { hint: 'log in with tk login (or POST /api/login)' },
  )
}

/**
 * For routes marked `sessionInRead`: runs the read `fn` as the caller, the session token looked
 * up in the read's own snapshot; 401 as `requireActor` refuses. Sets `req.actor`. `byToken`,
 * when given, reads the same with the token instead of `host.readAs` (one statement).
 */
export const readAsCaller =
  (host: ServiceHost) =>
  async <T>(
    req: FastifyRequest,
    fn: (service: TicketService) => Promise<T>,
    byToken?: (token: string) => Promise<{ readonly user: User; readonly value: T } | null>,
  ): Promise<T> => {
    if (req.actor || req.token === null || req.credential === null)
      return fn(host.forActor(requireActor(req)))
    const found = await (byToken ? byToken(req.token) : host.readAs(req.token, fn))
    if (!found) return fn(host.forActor(requireActor(req)))
    req.actor = found.user
    return found.value
  }

/** The service acting as the signed-in caller; 401 when nobody is signed in. */
export const serviceFor =
  (host: ServiceHost) =>
  (req: FastifyRequest): TicketService =>
    host.forActor(requireActor(req))

export function setSessionCookie(
  req: FastifyRequest,
  reply: FastifyReply,
  token: string,
  maxAgeSeconds: number,
) {
  reply.setCookie(TOKEN_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
    maxAge: maxAgeSeconds,
  })
}

/**
 * The agent work routes name what is missing when nobody signed in: the Basic credentials
 * (the service itself refuses people with 403).
 */
export const requireBasic = async (req: FastifyRequest) => {
  if (!req.actor)
    throw new TicketError('unauthenticated', 'basic auth required', {
      hint: 'send the agent UUID and password as HTTP Basic credentials',
    })
}
