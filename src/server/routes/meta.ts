import { TicketError } from '../../domain/errors.ts'
import type { App, RouteDeps } from '../app-type.ts'
import { EnabledBody } from '../schemas/auth.ts'

export function metaRoutes(app: App, { host, version }: RouteDeps): void {
  app.get('/api/healthz', { schema: { tags: ['meta'] } }, async () => {
    await host.ping().catch((cause: unknown) => {
      throw new TicketError('unavailable', 'database unavailable', { cause })
    })
    return { status: 'ok', version }
  })

  // For load balancers: send traffic here only while the database answers at this build's schema.
  app.get('/api/readyz', { schema: { tags: ['meta'] } }, async () => {
    const schemaVersion = await host.readiness().catch((cause: unknown) => {
      throw cause instanceof TicketError
        ? cause
        : new TicketError('unavailable', 'database unavailable', { cause })
    })
    return { status: 'ok', schema_version: schemaVersion, version }
  })

  app.get('/api/status', { schema: { tags: ['meta'] } }, async (req) => ({
    status: 'ok',
    authenticated: req.actor !== null,
    ...(req.actor ? { user: req.actor } : {}),
    registration_enabled: await host.registrationEnabled(),
    ...(await host.chatSettings()),
    server_version: version,
  }))
}

export function configRoutes(app: App, { service }: RouteDeps): void {
  app.post(
    '/api/config/registration',
    { schema: { tags: ['meta'], body: EnabledBody } },
    async (req) => ({ registration_enabled: await service(req).setRegistration(req.body.enabled) }),
  )
}
