import { SESSION_IDLE_MS } from '../../service/local/accounts.ts'
import type { App, RouteDeps } from '../app-type.ts'
import { setSessionCookie, TOKEN_COOKIE } from '../auth.ts'
import { Credentials, NewUserBody } from '../schemas/auth.ts'

/** Register and login are rate-limited in app.ts. */
export function authRoutes(app: App, { host }: RouteDeps): void {
  app.post('/api/register', { schema: { tags: ['auth'], body: NewUserBody } }, async (req, reply) =>
    reply.code(201).send(await host.register(req.body)),
  )

  app.post('/api/login', { schema: { tags: ['auth'], body: Credentials } }, async (req, reply) => {
    const session = await host.login(req.body.username, req.body.password)
    setSessionCookie(req, reply, session.token, SESSION_IDLE_MS / 1000)
    return session
  })

  app.post('/api/logout', { schema: { tags: ['auth'] } }, async (req, reply) => {
    if (req.token) await host.logout(req.token)
    reply.clearCookie(TOKEN_COOKIE, { path: '/' })
    return { status: 'logged_out' }
  })
}
