import type { Expression, Kysely } from 'kysely'
import type { SnapshotBatch, SnapshotTable } from '../domain/snapshot.ts'
import type { Database } from './database.ts'

export type Db = Kysely<Database>

/** Every data table's rows, and each table's next id, as `tk export` writes them. */
export type TableDump = {
  readonly tables: Readonly<Record<string, SnapshotTable>>
  readonly sequences: Readonly<Record<string, number>>
}

/** What `replaceTables` loads: each table's next id, and the rows as they are read. */
export type TableSource = {
  readonly sequences: Readonly<Record<string, number>>
  readonly tables: AsyncIterable<SnapshotBatch> | Iterable<SnapshotBatch>
}

/** The first part of a dump stream: what is known before any row. */
export type DumpHead = {
  readonly schema_version: number
  readonly sequences: Readonly<Record<string, number>>
}

/** How a server runs long reads (`Store.longRead`, decision 0028). */
export type ReadPoolOptions = {
  /** Worker threads, each with one read-only connection, started as reads need them (SQLite). */
  readonly workers: number
  /** The longest a long read may take, waiting for a connection included, before it fails. */
  readonly timeoutMs: number
}

/** The server's checkpoints on SQLite, off the event loop (decision 0048). */
export type CheckpointOptions = {
  /** How often a worker thread copies the WAL's new frames into the database file. */
  readonly everyMs: number
  /** The WAL's size in pages past which writes pause for one last copy and it starts over. */
  readonly restartPages: number
}

/**
 * What the threads of one server share over a SQLite file, each thread with a connection of
 * its own (decision 0051).
 */
export type SqliteThreads = {
  /** Four bytes of shared memory: the lock each thread takes for a write transaction. */
  readonly writeLock: SharedArrayBuffer
  /** The name of the `BroadcastChannel` the threads publish their changes on. */
  readonly channel: string
  /** Whether this thread runs the checkpointer: one thread does. */
  readonly checkpointer: boolean
}

export type SearchScope = {
  /** The best `limit` matches; 0 = every match. */
  readonly limit: number
  /** Only tickets whose id this query selects (the caller's other filters, applied in the search). */
  readonly within?: Expression<unknown>
  readonly projectId?: number
  /** Include closed tickets. */
  readonly closed?: boolean
  /** Include archived (and closed) tickets. */
  readonly archived?: boolean
}

/**
 * Messages between every process serving one database, for stores that several servers
 * share (PostgreSQL's LISTEN/NOTIFY). Delivery is at most once, to processes listening then.
 */
export type Broadcast = {
  /** The longest message `send` takes, in UTF-8 bytes. */
  readonly maxBytes: number
  send(message: string): Promise<void>
  /** Hears every message sent from now on, this process's own included; resolves once listening. */
  listen(onMessage: (message: string) => void): Promise<() => Promise<void>>
}

/**
 * `serializable` (the default): as if alone; a write that loses a race runs again.
 * `one-statement`: for a write whose reads are checks that stay true or are checked again by
 * the write, and whose writes are ONE statement, atomic by itself: where several servers
 * share the database nothing is opened around them, so the rows that statement locks (a
 * create's key counter) are held only while the database runs it, and contended writers
 * queue for them briefly instead of failing each other (decision 0042).
 */
export type WriteMode = 'serializable' | 'one-statement'

/** Plain creates written together (PostgreSQL, decision 0046). */
export type GroupedCreates = {
  /** Creates waiting for their project's statement in flight to end. */
  readonly waiting: number
  /** Statements that wrote creates, one create or several (refused ones not counted). */
  readonly statements: number
  /** Creates those statements wrote. */
  readonly creates: number
}

export type PoolUse = {
  readonly total: number
  readonly idle: number
  readonly waiting: number
}

/**
 * The database behind a `LocalService`: typed query access, transactions, and the few
 * operations whose SQL differs between dialects (full-text search, integrity checks).
 */
export interface Store {
  readonly db: Db
  /** Where the data lives (a file path for SQLite). */
  readonly location: string
  /**
   * Runs `fn` in one write transaction; driver failures come out as `TicketError`s. `mode`
   * says how it is kept safe from writers in other processes (one writer at a time makes
   * both the same on SQLite).
   */
  transaction<T>(fn: (db: Db) => Promise<T>, mode?: WriteMode): Promise<T>
  /** Runs reads as one snapshot (joining the read or write already under way), with the same error mapping. */
  read<T>(fn: (db: Db) => Promise<T>): Promise<T>
  /**
   * Runs a read of one statement, which SQLite answers from a snapshot of its own: no
   * BEGIN/COMMIT around it (a third of its cost); joins the read or write already under way.
   */
  readOne<T>(fn: (db: Db) => Promise<T>): Promise<T>
  /**
   * Runs reads that may take long (search, views, whole lists, counts) as one snapshot, as
   * `read` does, but where the store can away from the caller's thread and bounded in time
   * (a served SQLite file: its read pool, decision 0028); past the bound it fails with
   * `unavailable`. Joins the read or write already under way.
   */
  longRead<T>(fn: (db: Db) => Promise<T>): Promise<T>
  /** Ticket ids matching free words, best match first, within the given scope. */
  searchTicketIds(words: string, scope: SearchScope): Promise<number[]>
  /** `ok`, or the problems the database engine reports about its own file. */
  integrityCheck(): Promise<string[]>
  schemaVersion(): Promise<number>
  /** Every table that holds data, read from the live schema (the search index excluded). */
  dumpTables(): Promise<TableDump>
  /**
   * The same, read in batches from one snapshot on a connection of its own: the head first,
   * then every table's batches. Nothing waits for it, and it holds no more than a batch.
   * Absent where the driver reads only asynchronously (PostgreSQL): `dumpTables` serves then.
   */
  dumpTableStream?(): Generator<DumpHead | SnapshotBatch>
  /**
   * Replaces all data with `dump` in one transaction, reading its rows as they come; nothing
   * changes if any row is refused. Returns the rows loaded per table.
   */
  replaceTables(dump: TableDump | TableSource): Promise<Record<string, number>>
  /**
   * Absent where one thread serves the data and an in-process bus is enough (SQLite served
   * from one thread).
   */
  readonly broadcast?: Broadcast
  /** Connections open, idle, and callers waiting for one; absent where there is no pool (SQLite). */
  poolUse?(): PoolUse
  /** What grouping plain creates into shared statements has done; absent where it is not done (SQLite). */
  groupedCreates?(): GroupedCreates
  close(): Promise<void>
}
