import fastifyRateLimit from '@fastify/rate-limit'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { SESSION_IDLE_MS } from '../../service/local/accounts.ts'
import type { App, RouteDeps } from '../app-type.ts'
import { setSessionCookie, TOKEN_COOKIE } from '../auth.ts'
import { SIGN_IN_SCOPE, SIGN_IN_WINDOW_MS } from '../failed-sign-ins.ts'
import { Credentials, NewUserBody } from '../schemas/auth.ts'
import { sharedRateLimitStore } from '../shared-rate-limit.ts'

export function authRoutes(app: App, { host }: RouteDeps, options: { loginsPerMinute: number }) {
  // api.md "Authentication": register and login share one budget per client address. The
  // limiter lives in this plugin's scope, so no other route pays for it.
  app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<TypeBoxTypeProvider>()
    // Counted in the database, so several servers share one budget per address.
    await scope.register(fastifyRateLimit, {
      max: options.loginsPerMinute,
      timeWindow: SIGN_IN_WINDOW_MS,
      // The budget failed Basic sign-ins spend too (failed-sign-ins.ts).
      store: sharedRateLimitStore(host, SIGN_IN_SCOPE),
    })

    scope.post(
      '/api/register',
      { schema: { tags: ['auth'], body: NewUserBody }, config: { bodyFrom: 'anyone' } },
      async (req, reply) => reply.code(201).send(await host.register(req.body)),
    )
    scope.post(
      '/api/login',
      { schema: { tags: ['auth'], body: Credentials }, config: { bodyFrom: 'anyone' } },
      async (req, reply) => {
        const session = await host.login(req.body.username, req.body.password)
        setSessionCookie(req, reply, session.token, SESSION_IDLE_MS / 1000)
        return session
      },
    )
  })

  app.post(
    '/api/logout',
    { schema: { tags: ['auth'] }, config: { bodyFrom: 'anyone', endsSessions: true } },
    async (req, reply) => {
      if (req.token) await host.logout(req.token)
      reply.clearCookie(TOKEN_COOKIE, { path: '/' })
      return { status: 'logged_out' }
    },
  )
}
