import type { App, RouteDeps } from '../app-type.ts'
import { AdminNewUserBody, EnabledBody, PasswordBody } from '../schemas/auth.ts'
import { UserParams } from '../schemas/common.ts'

/** Admin routes over accounts; the service refuses everyone else. */
export function userRoutes(app: App, { service }: RouteDeps): void {
  const tags = ['users']
  app.get('/api/users', { schema: { tags } }, (req) => service(req).listUsers())

  app.post('/api/users', { schema: { tags, body: AdminNewUserBody } }, async (req, reply) =>
    reply.code(201).send(await service(req).createUser(req.body)),
  )

  app.post('/api/users/:username/enable', { schema: { tags, params: UserParams } }, (req) =>
    service(req).setUserEnabled(req.params.username, true),
  )
  app.post('/api/users/:username/disable', { schema: { tags, params: UserParams } }, (req) =>
    service(req).setUserEnabled(req.params.username, false),
  )
  app.post(
    '/api/users/:username/reset-password',
    { schema: { tags, params: UserParams, body: PasswordBody } },
    (req) => service(req).resetPassword(req.params.username, req.body.password),
  )
  app.delete('/api/users/:username', { schema: { tags, params: UserParams } }, async (req) => {
    await service(req).deleteUser(req.params.username)
    return { status: 'deleted' }
  })

  app.post('/api/config/registration', { schema: { tags, body: EnabledBody } }, async (req) => ({
    registration_enabled: await service(req).setRegistration(req.body.enabled),
  }))
}
