/**
 * @module Cross-site request forgery: what a browser sends on its own (the session cookie) is
 * trusted only from this server's own pages. docs/authorisation.md "Bodies and origins".
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { forbidden, TicketError } from '../domain/errors.ts'

export const WRITES: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

const ORIGIN_HINT =
  'open the web app at the address the server is reached by, or start it with tk server -origin URL'

/** `https://tickets.example.com` as a browser writes it in `Origin`: scheme, host, port if any. */
export function parseOrigin(raw: string): string {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new TicketError('invalid', `invalid origin "${raw}"`, {
      hint: 'give the web address people open, e.g. -origin https://tickets.example.com',
    })
  }
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.origin !== raw.replace(/\/$/, '').toLowerCase()
  )
    throw new TicketError('invalid', `invalid origin "${raw}"`, {
      hint: 'give only scheme, host and port, e.g. -origin https://tickets.example.com',
    })
  return url.origin
}

/** Where a browser says the request came from: trusted, foreign, or (no browser) unknown. */
function originOf(
  req: FastifyRequest,
  trusted: ReadonlySet<string>,
): 'trusted' | 'foreign' | 'unknown' {
  const origin = req.headers.origin
  if (origin !== undefined)
    return origin === `${req.protocol}://${req.host}` || trusted.has(origin) ? 'trusted' : 'foreign'
  // Browsers that leave Origin out still say how the request relates to the page that made it.
  const site = req.headers['sec-fetch-site']
  if (site !== undefined) return site === 'same-origin' || site === 'none' ? 'trusted' : 'foreign'
  return 'unknown'
}

const isJson = (req: FastifyRequest) =>
  /^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')

/**
 * Writes and WebSocket upgrades that a browser could make on its own must come from a trusted
 * origin; those authenticated by the session cookie must also say `application/json`, which no
 * cross-site form or simple request can send. Callers with an `Authorization` header (Bearer,
 * Basic) chose their credentials themselves and are not checked.
 */
export function addOriginCheck(app: FastifyInstance, trustedOrigins: readonly string[] = []): void {
  const trusted = new Set(trustedOrigins)
  app.addHook('onRequest', (req, _reply, done) => {
    if (req.credential === 'header' || (!WRITES.has(req.method) && !req.ws)) return done()
    const from = originOf(req, trusted)
    const byCookie = req.credential === 'cookie'
    if (from === 'foreign')
      return done(
        forbidden(
          `cross-origin request refused (from ${req.headers.origin ?? 'another site'})`,
          ORIGIN_HINT,
        ),
      )
    // Every browser says where a write comes from; a cookie without that is not worth the risk.
    if (from === 'unknown' && byCookie)
      return done(
        forbidden(
          'a change signed in by the session cookie must say where it comes from (Origin)',
          'send the session token as Authorization: Bearer instead of the cookie',
        ),
      )
    if (byCookie && !req.ws && !isJson(req))
      return done(
        Object.assign(new Error('send Content-Type: application/json with every change'), {
          statusCode: 415,
        }),
      )
    done()
  })
}
