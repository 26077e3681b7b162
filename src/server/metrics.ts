/**
 * @module `/metrics`: what a Prometheus server scrapes, in its text format (prom-client).
 *
 * Only an admin's token reads it (docs/deploy.md "Metrics"): route names and counts say
 * nothing secret, but the endpoint sits beside the API on the same address, so it is
 * guarded like the rest of the API rather than by a second listener to firewall.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import { TicketError } from '../domain/errors.ts'
import type { ServiceHost } from '../service/service-host.ts'
import type { App } from './app-type.ts'
import { requireActor } from './auth.ts'
import { type ServerThread, threadMetrics } from './thread-metrics.ts'

/** The series a server keeps; each process has its own, Prometheus sums over them. */
export type Metrics = {
  readonly registry: Registry
  /** Claims answered, by outcome: `assigned`, `no-work` or `rejected` (dry runs are not counted). */
  readonly claims: Counter<'result'>
  /** Tickets the agent reaper returned to the queue after their lease lapsed. */
  readonly leaseRequeues: Counter
  /** WebSocket connections opened (+1) and closed (-1). */
  readonly webSockets: Gauge
  /** Requests answered by each of the server's threads, where it has several (decision 0051). */
  readonly threadRequests?: Counter<'thread'>
  /** This thread's number among the server's threads ("0" where it has one). */
  readonly thread: string
  /** The text `/metrics` serves: this registry's, or every thread's summed. */
  text(): Promise<string>
  close(): void
}

// Seconds; quality.md's bounds (p99 ≤ 50 ms reads, ≤ 100 ms writes) fall between buckets.
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

export function createMetrics(host: ServiceHost, thread?: ServerThread): Metrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'ticket_' })
  const pool = (key: 'total' | 'idle' | 'waiting') =>
    function (this: Gauge) {
      const use = host.poolUse()
      if (use) this.set(use[key])
    }
  new Gauge({
    name: 'ticket_db_pool_connections',
    help: 'Database connections this process holds open (PostgreSQL).',
    registers: [registry],
    collect: pool('total'),
  })
  new Gauge({
    name: 'ticket_db_pool_idle_connections',
    help: 'Open database connections not in use (PostgreSQL).',
    registers: [registry],
    collect: pool('idle'),
  })
  new Gauge({
    name: 'ticket_db_pool_waiting_requests',
    help: 'Queries waiting for a free database connection (PostgreSQL).',
    registers: [registry],
    collect: pool('waiting'),
  })
  const grouped = (key: 'waiting' | 'statements' | 'creates') =>
    function (this: Gauge) {
      const counts = host.groupedCreates()
      if (counts) this.set(counts[key])
    }
  new Gauge({
    name: 'ticket_creates_waiting',
    help: 'Creates waiting for their project’s create statement in flight to end (PostgreSQL).',
    registers: [registry],
    collect: grouped('waiting'),
  })
  new Gauge({
    name: 'ticket_create_statements',
    help: 'Statements this process has sent to write creates, each one or several (PostgreSQL).',
    registers: [registry],
    collect: grouped('statements'),
  })
  new Gauge({
    name: 'ticket_creates_written',
    help: 'Creates those statements wrote; divided by ticket_create_statements, the mean group.',
    registers: [registry],
    collect: grouped('creates'),
  })
  const threads = thread && thread.count > 1 ? threadMetrics(registry, thread) : undefined
  const label = String(thread?.index ?? 0)
  return {
    registry,
    claims: new Counter({
      name: 'ticket_claims_total',
      help: 'Claims answered (dry runs aside), by result: assigned, no-work, rejected.',
      labelNames: ['result'],
      registers: [registry],
    }),
    leaseRequeues: new Counter({
      name: 'ticket_lease_requeues_total',
      help: 'Tickets returned to the queue by this process’s reaper after their lease lapsed.',
      registers: [registry],
    }),
    webSockets: new Gauge({
      name: 'ticket_websocket_connections',
      help: 'Open live-event WebSocket connections (/api/ws).',
      registers: [registry],
    }),
    ...(threads
      ? {
          threadRequests: new Counter({
            name: 'ticket_thread_requests_total',
            help: 'HTTP requests answered by each of the server’s threads (tk server -threads).',
            labelNames: ['thread'],
            registers: [registry],
          }),
        }
      : {}),
    thread: label,
    text: threads ? threads.text : () => registry.metrics(),
    close: () => threads?.close(),
  }
}

/** Counts and times every request, and serves `/metrics` to admins. */
export function addMetrics(app: App, metrics: Metrics): void {
  const requests = new Counter({
    name: 'ticket_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'],
    registers: [metrics.registry],
  })
  const duration = new Histogram({
    name: 'ticket_http_request_duration_seconds',
    help: 'Time from request to response, by method and route pattern.',
    labelNames: ['method', 'route'],
    buckets: BUCKETS,
    registers: [metrics.registry],
  })
  app.addHook('onResponse', (req, reply, done) => {
    // The route's pattern, never the raw path: one series per route, whatever the keys asked for.
    const route = req.routeOptions.url ?? 'unmatched'
    requests.inc({ method: req.method, route, status: reply.statusCode })
    metrics.threadRequests?.inc({ thread: metrics.thread })
    duration.observe({ method: req.method, route }, reply.elapsedTime / 1000)
    done()
  })
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (requireActor(req).role !== 'admin')
      throw new TicketError('forbidden', 'only an admin may read /metrics', {
        hint: 'scrape with an admin\'s token (docs/deploy.md "Metrics")',
      })
    reply.type(metrics.registry.contentType)
    return metrics.text()
  })
}
