/**
 * @module A store for `@fastify/rate-limit` that keeps its counts in the database: every
 * server over one database counts against the same budget per client address, so a second
 * server behind the load balancer does not double it.
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit'
import type { ServiceHost } from '../service/service-host.ts'

export function sharedRateLimitStore(host: ServiceHost, scope: string): FastifyRateLimitStoreCtor {
  return class SharedRateLimitStore implements FastifyRateLimitStore {
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      const started = Date.now()
      host.countHit(`${scope}:${key}`, timeWindow).then(
        ({ hits, windowStart }) =>
          callback(null, { current: hits, ttl: Math.max(0, windowStart + timeWindow - started) }),
        (e: Error) => callback(e),
      )
    }

    // One budget for every route of the scope (register and login together).
    child(): FastifyRateLimitStore {
      return this
    }
  }
}
