/**
 * @module Handlers still running. A client that hangs up does not stop its request's handler,
 * and Fastify's close resolves once the connections are gone; the database must stay open
 * until those handlers finish too, or their next query fails on a closed pool.
 */
import type { FastifyInstance } from 'fastify'

declare module 'fastify' {
  interface FastifyInstance {
    /** Resolves once no route handler is running, or after `timeoutMs` at the latest. */
    handlersSettled(timeoutMs: number): Promise<void>
  }
  interface FastifyRequest {
    handling: boolean
  }
}

export function trackHandlers(app: FastifyInstance): void {
  let running = 0
  let settled: (() => void) | undefined
  app.decorateRequest('handling', false)
  app.addHook('preHandler', (req, _reply, done) => {
    // A WebSocket's handler lives as long as its socket, which the shutdown closes itself.
    if (!req.ws) {
      req.handling = true
      running++
    }
    done()
  })
  app.addHook('onSend', (req, _reply, payload, done) => {
    if (req.handling) {
      req.handling = false
      running--
      if (running === 0) settled?.()
    }
    done(null, payload)
  })
  app.decorate('handlersSettled', (timeoutMs: number) =>
    running === 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, timeoutMs)
          settled = () => {
            clearTimeout(timer)
            resolve()
          }
        }),
  )
}
