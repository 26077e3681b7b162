/** @module Routes for user accounts: create, enable, disable, set passwords, delete. */
import type { UserRole, UserType } from '../../domain/user.ts'
import type { App, RouteDeps } from '../app-type.ts'
import { createdUser } from '../original-shapes.ts'
import { UserParams } from '../schemas/common.ts'
import { NewUserBody, OptionalPasswordBody, UsersQuery } from '../schemas/organisation.ts'

export function userRoutes(app: App, { service }: RouteDeps): void {
  const tags = ['users']
  const params = UserParams
  app.get('/api/users', { schema: { tags, querystring: UsersQuery } }, (req) =>
    service(req).listUsers(req.query),
  )
  app.post('/api/users', { schema: { tags, body: NewUserBody } }, async (req, reply) => {
    const { role, user_type, ...rest } = req.body
    const created = await service(req).createUser({
      ...rest,
      ...(role ? { role: role as UserRole } : {}),
      ...(user_type ? { user_type: user_type as UserType } : {}),
    })
    return reply.code(201).send(createdUser(created))
  })
  app.post('/api/users/:username/enable', { schema: { tags, params } }, (req) =>
    service(req).setUserEnabled(req.params.username, true),
  )
  app.post(
    '/api/users/:username/disable',
    { schema: { tags, params }, config: { endsSessions: true } },
    (req) => service(req).setUserEnabled(req.params.username, false),
  )
  app.post(
    '/api/users/:username/reset-password',
    {
      schema: { tags, params, body: OptionalPasswordBody },
      config: { endsSessions: true },
      preValidation: async (req) => {
        req.body ??= {}
      },
    },
    (req) => service(req).resetPassword(req.params.username, req.body.password),
  )
  app.delete(
    '/api/users/:username',
    { schema: { tags, params }, config: { endsSessions: true } },
    async (req) => {
      await service(req).deleteUser(req.params.username)
      return { status: 'deleted' }
    },
  )
}
