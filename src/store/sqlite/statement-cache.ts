/**
 * @module The statements one node:sqlite connection keeps prepared, with their column names,
 * for the server's connection (node-sqlite-driver.ts) and each read worker (read-worker.ts).
 * Node built-ins only, so a worker thread starts without loading the rest of the program.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite'

type Param = null | number | bigint | string | NodeJS.ArrayBufferView

/** `shape` is undefined for a statement that returns no columns (it writes). */
type Kept<S> = { readonly stmt: StatementSync; shape: S | undefined; width: number }

/** A read's rows as arrays of values, with what its column names made; or a write's changes. */
export type Ran<S> =
  | { readonly shape: S; readonly rows: unknown[][] }
  | {
      readonly shape?: undefined
      readonly changes: number | bigint
      readonly lastInsertRowid: number | bigint
    }

const DEFAULT_SIZE = 256

/**
 * `shape` turns a read's column names into what its rows are built with (the driver: a row
 * maker; a worker: the names themselves); it runs once per statement, and again when the
 * schema under it changed.
 */
export class StatementCache<S> {
  readonly #db: DatabaseSync
  readonly #shape: (columns: readonly string[]) => S
  readonly #size: number
  readonly #statements = new Map<string, Kept<S>>()
  /** The schema version the kept statements' column names were read under. */
  #schema: number | undefined
  /** Whether the schema has been checked since the last statement that was not a read. */
  #checked = false
  #schemaVersion: StatementSync | undefined

  constructor(db: DatabaseSync, shape: (columns: readonly string[]) => S, size = DEFAULT_SIZE) {
    this.#db = db
    this.#shape = shape
    this.#size = size
  }

  #prepare(sql: string): Kept<S> {
    let entry = this.#statements.get(sql)
    if (entry) {
      // Most recently used last, so the bound below drops the coldest statement.
      this.#statements.delete(sql)
    } else {
      const stmt = this.#db.prepare(sql)
      // node:sqlite statements have no `reader` flag: a statement that returns columns reads.
      const columns = stmt.columns().map((c) => c.name)
      // Rows as arrays, made into objects by the caller: node:sqlite's own row objects are
      // built key by key into slow dictionary-mode objects; these share one shape per statement.
      if (columns.length > 0) stmt.setReturnArrays(true)
      const width = columns.length
      entry = { stmt, shape: width > 0 ? this.#shape(columns) : undefined, width }
      // `in (?, ?, …)` lists make one statement per length: a long-lived server would
      // otherwise keep every one it ever saw.
      if (this.#statements.size >= this.#size)
        this.#statements.delete(this.#statements.keys().next().value!)
    }
    this.#statements.set(sql, entry)
    return entry
  }

  /**
   * SQLite prepares a kept statement again by itself when the schema changed (another
   * process's migration, a DDL statement of ours), but the column names kept beside it would
   * then label the new columns with the old names. Once per transaction, in its snapshot
   * (a fraction of a microsecond), the schema version is compared with the one the names were
   * read under, and every kept statement is dropped when it moved.
   */
  #checkSchema() {
    if (!this.#schemaVersion) {
      this.#schemaVersion = this.#db.prepare('PRAGMA schema_version')
      this.#schemaVersion.setReturnArrays(true)
    }
    const version = (this.#schemaVersion.get() as unknown as [number])[0]
    if (this.#schema !== undefined && version !== this.#schema) {
      this.#statements.clear()
      // A statement prepared now would still see the connection's old copy of the schema
      // until one runs and finds it stale: one that reads the schema table reloads it.
      this.#db.prepare('SELECT 1 FROM sqlite_schema LIMIT 1').all()
    }
    this.#schema = version
  }

  /** Runs `sql`: a read answers its column names and rows as arrays, anything else its changes. */
  run(sql: string, params: readonly Param[]): Ran<S> {
    const inTransaction = this.#db.isTransaction
    if (inTransaction && !this.#checked) {
      this.#checkSchema()
      this.#checked = true
    }
    const entry = this.#prepare(sql)
    if (entry.shape !== undefined) {
      const rows = entry.stmt.all(...params) as unknown as unknown[][]
      // A single statement outside a transaction (Store.readOne) has no snapshot to check
      // the schema in beforehand: a row as wide as the names is taken as the same schema,
      // any other width has the names read again from the statement as it just ran.
      if (!inTransaction && rows.length > 0 && rows[0]!.length !== entry.width) {
        const columns = entry.stmt.columns().map((c) => c.name)
        entry.shape = this.#shape(columns)
        entry.width = columns.length
      }
      return { shape: entry.shape, rows }
    }
    // BEGIN, COMMIT, writes and DDL: the next read checks the schema again.
    this.#checked = false
    return entry.stmt.run(...params)
  }
}
