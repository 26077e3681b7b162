/** @module What `tk server` logs: failures and warnings always, each request with `-v`. */
import { randomUUID } from 'node:crypto'
import type { FastifyServerOptions } from 'fastify'

export type LogOptions = {
  /** Log one line per request (`tk server -v`). */
  readonly verbose?: boolean
  /** Where the JSON lines go (default: stderr, beside the banner on stdout). */
  readonly logTo?: NodeJS.WritableStream
}

// Never written, whatever an error or a future serializer carries along.
const SECRETS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  'token',
  '*.password',
  '*.token',
  '*.*.password',
  '*.*.token',
]

export function loggerOptions(options: LogOptions): FastifyServerOptions['logger'] {
  return {
    level: options.verbose ? 'info' : 'warn',
    stream: options.logTo ?? process.stderr,
    redact: { paths: SECRETS, censor: '[redacted]' },
    // Tokens travel in headers, cookies and the WebSocket query; a request is named by its
    // method and path only.
    serializers: { req: (r) => ({ method: r.method, url: r.url.split('?')[0] }) },
  }
}

// What a proxy's id may look like to be reused (nginx's $request_id is 32 hex digits).
const REQUEST_ID = /^[\w.:-]{1,128}$/

/**
 * Every request gets an id, logged with each of its lines as `reqId` and sent back as
 * `X-Request-Id`: the one a reverse proxy passed along when it is a plain token, so one id
 * follows a request from the proxy's log to the server's; otherwise a new UUID, unique across
 * every server of a database.
 */
export const requestId = (req: { headers: Record<string, string | string[] | undefined> }) => {
  const given = req.headers['x-request-id']
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID()
}
