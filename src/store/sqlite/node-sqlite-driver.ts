/** @module Adapts the built-in `node:sqlite` to Kysely's SQLite dialect. */
import type { DatabaseSync } from 'node:sqlite'
import {
  CompiledQuery,
  type ConnectionProvider,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  type TransactionSettings,
} from 'kysely'
import { TicketSqliteQueryCompiler } from './query-compiler.ts'
import { StatementCache } from './statement-cache.ts'

type Param = null | number | bigint | string | NodeJS.ArrayBufferView

// node:sqlite binds no booleans or undefined; the schema stores flags as 0/1.
const toParam = (v: unknown): Param => {
  if (v === undefined || v === null) return null
  if (typeof v === 'boolean') return v ? 1 : 0
  return v as Param
}

type RowOf = (values: readonly unknown[]) => Record<string, unknown>

/** Rows a statement makes key by key before its object literal is written (see `rowMaker`). */
const LITERAL_AFTER = 16

/**
 * Makes a statement's rows from its arrays of values. A statement that makes many rows gets one
 * object literal per row, written once for it: V8 copies a literal's shape whole, where
 * assigning 30 keys one by one to `{}` walked a transition per key (≈ 10 % of a list page of
 * 50, decision 0040). Writing it costs a function compiled at run time (about 0.1 ms, outside
 * the code cache), so the first rows are made key by key: a command reading a ticket makes a
 * row or two per statement and compiles none (decision 0049). The names come quoted by
 * JSON.stringify; `__proto__` in a literal would set the prototype, so such a statement keeps
 * the loop.
 */
function rowMaker(columns: readonly string[]): RowOf {
  const byKey: RowOf = (values) => {
    const row: Record<string, unknown> = {}
    for (let i = 0; i < columns.length; i++) row[columns[i]!] = values[i]
    return row
  }
  if (columns.includes('__proto__')) return byKey
  let made = 0
  let literal: RowOf | undefined
  return (values) => {
    if (literal) return literal(values)
    if (++made <= LITERAL_AFTER) return byKey(values)
    const fields = columns.map((c, i) => `${JSON.stringify(c)}: v[${i}]`).join(', ')
    literal = new Function('v', `return { ${fields} }`) as RowOf
    return literal(values)
  }
}

class NodeSqliteConnection implements DatabaseConnection {
  readonly #statements: StatementCache<RowOf>
  constructor(db: DatabaseSync) {
    this.#statements = new StatementCache(db, rowMaker)
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const ran = this.#statements.run(query.sql, query.parameters.map(toParam))
    if (ran.shape) return { rows: ran.rows.map(ran.shape) as R[] }
    return { insertId: BigInt(ran.lastInsertRowid), numAffectedRows: BigInt(ran.changes), rows: [] }
  }

  /** A statement's rows (none for a write without RETURNING), run now, synchronously. */
  rows(sql: string, parameters: readonly unknown[]): unknown[] {
    const ran = this.#statements.run(sql, parameters.map(toParam))
    return ran.shape ? ran.rows.map(ran.shape) : []
  }

  // biome-ignore lint/correctness/useYield: streaming is never used; Kysely requires the method
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported by the node:sqlite driver')
  }
}

/** The connection of one transaction, for as long as it lasts. */
class HeldConnection implements ConnectionProvider {
  #connection: DatabaseConnection | undefined
  constructor(connection: DatabaseConnection) {
    this.#connection = connection
  }
  async provideConnection<T>(consumer: (connection: DatabaseConnection) => Promise<T>) {
    if (!this.#connection) throw new Error('a query ran after its transaction had ended')
    return consumer(this.#connection)
  }
  end() {
    this.#connection = undefined
  }
}

/**
 * One connection guarded by a lock, so a transaction spanning awaits is never interleaved with
 * another caller's queries; write transactions begin IMMEDIATE so that a read-then-write (a
 * claim) holds the write lock from its first read and concurrent processes queue on
 * busy_timeout.
 */
class NodeSqliteDriver implements Driver {
  readonly #db: DatabaseSync
  readonly #connection: NodeSqliteConnection
  #lock: Promise<void> = Promise.resolve()
  #release: (() => void) | undefined
  /** Callers holding the connection or waiting for it. */
  #holders = 0

  constructor(db: DatabaseSync, connection: NodeSqliteConnection) {
    this.#db = db
    this.#connection = connection
  }
  /** Whether nobody holds the connection or waits for it: a statement may run on it now. */
  get idle() {
    return this.#holders === 0
  }
  async init() {}
  async acquireConnection(): Promise<DatabaseConnection> {
    this.#holders++
    const previous = this.#lock
    let release!: () => void
    this.#lock = new Promise((resolve) => {
      release = resolve
    })
    await previous
    this.#release = release
    return this.#connection
  }
  /** Runs `fn` holding the connection, queued behind whoever holds it or waits for it. */
  async hold<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquireConnection()
    try {
      return await fn()
    } finally {
      await this.releaseConnection()
    }
  }
  async releaseConnection() {
    const release = this.#release
    this.#release = undefined
    this.#holders--
    release?.()
  }
  async beginTransaction(c: DatabaseConnection, settings: TransactionSettings) {
    // A read-only transaction is one snapshot for all its queries and takes no write lock.
    await c.executeQuery(
      CompiledQuery.raw(settings.accessMode === 'read only' ? 'begin' : 'begin immediate'),
    )
  }
  async commitTransaction(c: DatabaseConnection) {
    await c.executeQuery(CompiledQuery.raw('commit'))
  }
  async rollbackTransaction(c: DatabaseConnection) {
    // SQLite has already rolled back after some failures (SQLITE_FULL, SQLITE_IOERR): a ROLLBACK
    // then fails with "no transaction is active" and would hide the error that says why.
    if (this.#db.isTransaction) await c.executeQuery(CompiledQuery.raw('rollback'))
  }
  async destroy() {
    if (this.#db.isOpen) this.#db.close()
  }
}

export class NodeSqliteDialect implements Dialect {
  readonly #db: DatabaseSync
  readonly #connection: NodeSqliteConnection
  #driver: NodeSqliteDriver | undefined
  constructor(db: DatabaseSync) {
    this.#db = db
    this.#connection = new NodeSqliteConnection(db)
  }
  createDriver() {
    this.#driver = new NodeSqliteDriver(this.#db, this.#connection)
    return this.#driver
  }
  /**
   * Runs a compiled statement now, beside Kysely's executor (its connection provider, awaits
   * and result copies cost more than SQLite takes to answer a hot query, decision 0044), when
   * that is safe: inside a transaction, which holds the one connection while its callback
   * runs, or outside any when nobody holds the connection or waits for it. Undefined
   * otherwise: the caller goes through the executor, and the lock.
   */
  runNow(
    inTransaction: boolean,
    sql: string,
    parameters: readonly unknown[],
  ): unknown[] | undefined {
    if (!inTransaction && !this.#driver?.idle) return undefined
    return this.#connection.rows(sql, parameters)
  }
  /**
   * Runs `fn` in one read transaction on the connection, taken through the driver's lock like
   * any transaction, without Kysely's transaction builder: its connection provider, runtime
   * driver and per-transaction objects cost more than the BEGIN and COMMIT themselves
   * (decision 0048, "Session and reads"). `fn` gets a provider of the held connection, which
   * refuses once the transaction has ended. Undefined before Kysely made the driver.
   */
  readTransaction<T>(fn: (held: ConnectionProvider) => Promise<T>): Promise<T> | undefined {
    const driver = this.#driver
    if (!driver) return undefined
    return driver.hold(async () => {
      const held = new HeldConnection(this.#connection)
      this.#connection.rows('begin', [])
      try {
        const value = await fn(held)
        this.#connection.rows('commit', [])
        return value
      } catch (e) {
        // As `rollbackTransaction`: SQLite may have rolled back already.
        if (this.#db.isTransaction) this.#connection.rows('rollback', [])
        throw e
      } finally {
        held.end()
      }
    })
  }
  /** The driver Kysely made, for a transaction built beside Kysely's builder. */
  get driver(): Driver | undefined {
    return this.#driver
  }
  createQueryCompiler() {
    return new TicketSqliteQueryCompiler()
  }
  createAdapter() {
    return new SqliteAdapter()
  }
  // biome-ignore lint/suspicious/noExplicitAny: Kysely's own signature
  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db)
  }
}
