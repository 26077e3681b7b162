/** @module Routes for roles, the named sets of permissions a project grants. */
import type { App, RouteDeps } from '../app-type.ts'
import { ForceQuery, NewRoleBody, RefParams, RolePatchBody } from '../schemas/organisation.ts'
import { required } from './aliases.ts'

export function roleRoutes(app: App, { service }: RouteDeps): void {
  const tags = ['roles']
  const params = RefParams
  app.get('/api/roles', { schema: { tags } }, (req) => service(req).listRoles())
  // The reference names a role by its title alone; that title then serves as the name too.
  app.post('/api/roles', { schema: { tags, body: NewRoleBody } }, async (req, reply) => {
    const { name, ...rest } = req.body
    const role = { ...rest, name: required(name ?? rest.title, 'name', 'Reviewer') }
    return reply.code(201).send(await service(req).createRole(role))
  })
  app.get('/api/roles/:ref', { schema: { tags, params } }, (req) =>
    service(req).getRole(req.params.ref),
  )
  for (const method of ['PUT', 'PATCH'] as const)
    app.route({
      method,
      url: '/api/roles/:ref',
      schema: { tags, params, body: RolePatchBody },
      handler: (req) => service(req).updateRole(req.params.ref, req.body),
    })
  app.delete(
    '/api/roles/:ref',
    { schema: { tags, params, querystring: ForceQuery } },
    async (req) => {
      await service(req).deleteRole(req.params.ref, { force: req.query.force ?? false })
      return { status: 'deleted' }
    },
  )
}
