import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

// api.md "Authentication": these headers go on every response, errors and static files included.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  // 'self' covers the WebSocket of the page's own host (ws: or wss:), and no other.
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ')

export function setSecurityHeaders(req: FastifyRequest, reply: FastifyReply): void {
  reply.header('X-Content-Type-Options', 'nosniff')
  reply.header('X-Frame-Options', 'DENY')
  reply.header('Referrer-Policy', 'no-referrer')
  reply.header('Content-Security-Policy', CSP)
  reply.header('Cross-Origin-Opener-Policy', 'same-origin')
  // Over TLS, or behind a TLS proxy that says so when the server trusts it (-trust-proxy).
  if (req.protocol === 'https')
    reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
}

export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (req, reply, done) => {
    setSecurityHeaders(req, reply)
    done()
  })
}
