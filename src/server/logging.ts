/** @module What `tk server` logs: failures and warnings always, each request with `-v`. */
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
