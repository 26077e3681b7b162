/**
 * @module No request body is read before the caller is known (quality.md "Security"): a
 * stranger's upload is refused from its headers, before a byte of it reaches memory.
 */
import type { FastifyInstance } from 'fastify'
import { requireAdmin } from '../service/local/access.ts'
import { requireActor } from './auth.ts'
import { WRITES } from './origin.ts'

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Whose body this route reads: anyone signed in (the default), `anyone` (signing in), or
     * only an admin (`what` names the action in the refusal), for routes with a larger limit.
     */
    readonly bodyFrom?: 'anyone' | { readonly admin: string }
  }
}

export function addBodyGuard(app: FastifyInstance): void {
  // preParsing runs after onRequest (where the caller is found) and before the body parser.
  // A callback hook: every request passes it, and none needs a promise (decision 0052).
  app.addHook('preParsing', (req, _reply, payload, done) => {
    const from = req.routeOptions.config.bodyFrom
    if (!WRITES.has(req.method) || from === 'anyone' || req.is404) return done(null, payload)
    try {
      // The refusal goes through the error handler, which leaves the rest of the body unread.
      const actor = requireActor(req)
      if (from) requireAdmin({ actor }, from.admin)
    } catch (e) {
      return done(e as Error)
    }
    done(null, payload)
  })
}
