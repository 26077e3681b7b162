import type {} from '@fastify/cookie'
import type {} from '@fastify/swagger'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type {} from '@fastify/websocket'
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify'
import type { ServiceHost } from '../service/service-host.ts'
import type { TicketService } from '../service/ticket-service.ts'
import type { Metrics } from './metrics.ts'

/** The Fastify instance with TypeBox schemas typing each route's input. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>

/** What every route plugin receives. */
export type RouteDeps = {
  readonly host: ServiceHost
  /** The service acting as the signed-in caller; throws 401 when nobody is signed in. */
  readonly service: (req: FastifyRequest) => TicketService
  readonly version: string
  readonly metrics: Metrics
}
