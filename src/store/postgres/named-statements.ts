/**
 * @module Each connection prepares a statement the first time it sends it and reuses it after,
 * so PostgreSQL parses and plans it once per connection rather than on every call. Measured
 * at 100,000 tickets, planning was most of what a `GET /api/tickets/:key` cost PostgreSQL
 * (bench/RESULTS.md); a prepared statement's plan is cached by PostgreSQL, which still
 * plans afresh for particular values when its generic plan would cost more (plan_cache_mode).
 */
import type { PoolClient } from 'pg'

/**
 * Statements one connection keeps prepared at most: the server holds each one's plan, and a
 * statement whose text varies (a list of values spelt out) would otherwise grow without
 * bound. Past it, new texts are sent unnamed, planned every time, as before.
 */
export const NAMED_PER_CONNECTION = 200

// feature_not_supported: "cached plan must not change result type", when another server's
// migration changed a table under a statement prepared before it.
const STALE_PLAN = '0A000'

type Query = (text: unknown, values?: unknown, callback?: unknown) => unknown

/** Makes `client` send each parameterised statement by a name of its own (pool 'connect'). */
export function nameStatements(client: PoolClient): void {
  const query = client.query.bind(client) as Query
  const names = new Map<string, string>()
  let next = 0
  ;(client as unknown as { query: Query }).query = (text, values, callback) => {
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || callback)
      return query(text, values, callback)
    let name = names.get(text)
    if (name === undefined && names.size < NAMED_PER_CONNECTION) {
      name = `tk${next++}`
      names.set(text, name)
    }
    if (name === undefined) return query(text, values)
    return (query({ name, text, values }) as Promise<unknown>).catch((e: unknown) => {
      // Prepared again, under a new name, the next time it is sent.
      if ((e as { code?: unknown }).code === STALE_PLAN) names.delete(text)
      throw e
    })
  }
}
