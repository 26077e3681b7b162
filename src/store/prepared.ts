/** @module Hot queries built and compiled once, then run with new parameters. */
import type { Compilable, CompiledQuery, DialectAdapter } from 'kysely'
import type { Db } from './store.ts'

/**
 * Runs a compiled statement at once and answers its rows, or undefined when it cannot run
 * now (then the query goes through Kysely's executor). `inTransaction`: the caller holds the
 * connection (it runs inside a transaction of the same database).
 */
export type RunNow = (
  inTransaction: boolean,
  sql: string,
  parameters: readonly unknown[],
) => unknown[] | undefined

// Keyed by the dialect's adapter, which a database shares with its transactions.
const runners = new WeakMap<DialectAdapter, RunNow>()

/**
 * A dialect whose driver answers in the caller's thread (node:sqlite) registers how to run a
 * prepared query beside Kysely's executor; PostgreSQL, whose statements are round trips,
 * registers nothing.
 */
export function registerRunNow(db: Db, run: RunNow): void {
  runners.set(db.getExecutor().adapter, run)
}

/** Stands in for the i-th argument while the query is built once. */
class Slot {
  readonly index: number
  constructor(index: number) {
    this.index = index
  }
}

type Compiled = { readonly query: CompiledQuery; readonly slots: readonly (number | -1)[] }

/**
 * A query that runs on every request (a ticket by key, its extras, a session) is described
 * once with Kysely's builder, compiled once per dialect, and afterwards only re-bound: building
 * and compiling cost more than SQLite takes to answer such a query. Arguments must be scalars
 * in value positions (`where(col, '=', arg)`), not lists or identifiers.
 */
export function prepared<A extends readonly unknown[], R>(
  build: (db: Db, ...args: A) => Compilable<R>,
): (db: Db, ...args: A) => Promise<R[]> {
  // Keyed by the dialect's adapter, shared by a database and its transactions.
  const compiled = new WeakMap<object, Compiled>()
  const compile = (db: Db, arity: number): Compiled => {
    const slots = Array.from({ length: arity }, (_, i) => new Slot(i))
    const query = build(db, ...(slots as unknown as A)).compile()
    return {
      query,
      slots: query.parameters.map((p) => (p instanceof Slot ? p.index : -1)),
    }
  }
  return async (db, ...args) => {
    const key = db.getExecutor().adapter
    let c = compiled.get(key)
    if (!c) {
      c = compile(db, args.length)
      compiled.set(key, c)
    }
    const { query, slots } = c
    const parameters = slots.map((s, i) => (s === -1 ? query.parameters[i] : args[s]))
    const now = runners.get(key)?.(db.isTransaction, query.sql, parameters)
    if (now) return now as R[]
    const result = await db.executeQuery<R>({ ...query, parameters })
    return result.rows
  }
}

/** The first row of a prepared query, or undefined. */
export const first = async <R>(rows: Promise<R[]>): Promise<R | undefined> => (await rows)[0]
