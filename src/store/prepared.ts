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
 * A named statement's SQLite text, compiled when the command line is built: `slots[i]` is the
 * argument bound at position i, or -1 for the constant `parameters[i]` (decision 0049).
 */
export type PrecompiledSql = Readonly<
  Record<
    string,
    {
      readonly sql: string
      readonly arity: number
      readonly slots: readonly (number | -1)[]
      readonly parameters: readonly unknown[]
    }
  >
>

type Builder = (db: Db, ...args: never[]) => Compilable<unknown>

// Every named statement made so far and how many arguments it takes, for the build to compile
// (scripts/prepared-sql.ts).
const named = new Map<string, { readonly build: Builder; readonly arity: number }>()

// Defined by the scripts' build (scripts/build.ts); absent when the sources run as they are.
let precompiled: PrecompiledSql | undefined =
  typeof __TICKET_PREPARED_SQL__ === 'undefined' ? undefined : __TICKET_PREPARED_SQL__

/** Replaces the statements compiled at build time (the build's check and the tests). */
export function usePrecompiledSql(sqlByName: PrecompiledSql | undefined): void {
  precompiled = sqlByName
}

/**
 * Compiles every named statement on `db` (a SQLite store's), as prepared() would on its first
 * call: what the build writes into the scripts so that a command does not build them again.
 */
export function compileNamedStatements(db: Db): PrecompiledSql {
  const out: Record<string, PrecompiledSql[string]> = {}
  for (const [name, { build, arity }] of named) {
    const { query, slots } = compileWith(build, db, arity)
    out[name] = {
      sql: query.sql,
      arity,
      slots,
      parameters: query.parameters.map((p, i) => (slots[i] === -1 ? p : null)),
    }
  }
  return out
}

function compileWith(build: Builder, db: Db, arity: number): Compiled {
  const slots = Array.from({ length: arity }, (_, i) => new Slot(i))
  const query = build(db, ...(slots as never[])).compile()
  return { query, slots: query.parameters.map((p) => (p instanceof Slot ? p.index : -1)) }
}

/**
 * A query that runs on every request (a ticket by key, its extras, a session) is described
 * once with Kysely's builder, compiled once per dialect, and afterwards only re-bound: building
 * and compiling cost more than SQLite takes to answer such a query. Arguments must be scalars
 * in value positions (`where(col, '=', arg)`), not lists or identifiers, and the SQL must
 * follow from the builder alone. A `name` (unique) lets the build compile it for SQLite once,
 * so that a command runs it without building it (decision 0049); a statement made at run time
 * from values (a filter's shape) has none.
 */
export function prepared<A extends readonly unknown[], R>(
  build: (db: Db, ...args: A) => Compilable<R>,
  name?: string,
  // The builder's declared arguments without the database, unless it takes them as a rest.
  arity = build.length - 1,
): (db: Db, ...args: A) => Promise<R[]> {
  if (name !== undefined) {
    if (named.has(name)) throw new Error(`two prepared statements are named ${name}`)
    named.set(name, { build: build as unknown as Builder, arity })
  }
  // Keyed by the dialect's adapter, shared by a database and its transactions.
  const compiled = new WeakMap<object, Compiled>()
  return async (db, ...args) => {
    const key = db.getExecutor().adapter
    const runNow = runners.get(key)
    const ready = name === undefined ? undefined : precompiled?.[name]
    // Only SQLite registers a runner, and only SQLite's text is compiled at build time.
    const early = runNow && ready?.arity === args.length ? ready : undefined
    if (runNow && early) {
      const parameters = early.slots.map((s, i) => (s === -1 ? early.parameters[i] : args[s]))
      const now = runNow(db.isTransaction, early.sql, parameters)
      if (now) return now as R[]
    }
    let c = compiled.get(key)
    if (!c) {
      c = compileWith(build as unknown as Builder, db, args.length)
      compiled.set(key, c)
    }
    const { query, slots } = c
    const parameters = slots.map((s, i) => (s === -1 ? query.parameters[i] : args[s]))
    // A runner that could not run the text from the build cannot run this one either.
    const now = early ? undefined : runNow?.(db.isTransaction, query.sql, parameters)
    if (now) return now as R[]
    const result = await db.executeQuery<R>({ ...query, parameters })
    return result.rows
  }
}

/** The first row of a prepared query, or undefined. */
export const first = async <R>(rows: Promise<R[]>): Promise<R | undefined> => (await rows)[0]
