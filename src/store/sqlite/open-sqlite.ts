import { AsyncLocalStorage } from 'node:async_hooks'

const { accessSync, constants, existsSync, mkdirSync, renameSync, rmSync, statSync } =
  process.getBuiltinModule('node:fs')

import { dirname } from 'node:path'
import { DatabaseSync, type DatabaseSyncOptions } from 'node:sqlite'
import { Kysely, sql, Transaction } from 'kysely'
import { TicketError } from '../../domain/errors.ts'
import {
  collectTables,
  type SnapshotBatch,
  snapshotBatches as tableBatches,
} from '../../domain/snapshot.ts'
import type { Database } from '../database.ts'
import { registerDialectSql } from '../dialect-sql.ts'
import { MIGRATIONS, SCHEMA_VERSION } from '../migrations/index.ts'
import { registerRunNow } from '../prepared.ts'
import type {
  CheckpointOptions,
  Db,
  DumpHead,
  ReadPoolOptions,
  SqliteThreads,
  Store,
  TableSource,
} from '../store.ts'
import { channelBroadcast } from './channel-broadcast.ts'
import { startCheckpointer } from './checkpointer.ts'
import { NodeSqliteDialect } from './node-sqlite-driver.ts'
import { ReadPoolDialect, withDeadline } from './read-pool.ts'
import {
  createSqliteSearchIndex,
  rebuildSqliteSearchIndex,
  searchTicketIds,
} from './search-index.ts'
import { dumpTableStream, replaceTables } from './snapshot.ts'
import { isDiskFull, mapSqliteError, sqliteCode } from './sqlite-errors.ts'
import { createSqliteTicketCounts, refillSqliteTicketCounts } from './ticket-counts.ts'
import { type WriteLock, writeLock } from './write-lock.ts'

export type OpenOptions = {
  /** Create the file if it does not exist (only `tk init` and the server do). */
  readonly create?: boolean
  /**
   * Fail rather than fall back to read-only access on a read-only workspace, or to exclusive
   * locking on a full disk: the server writes sign-ins and shares the file with `tk`.
   */
  readonly writable?: boolean
  /**
   * Run `longRead`s on read-only connections in worker threads, each bounded in time (the
   * server, decision 0028); without it they run on this connection like any read.
   */
  readonly readPool?: ReadPoolOptions
  /**
   * A new file that nothing else opens until it is renamed into place (`tk import`, decision
   * 0037): its journal in memory and no syncs, so each page is written once, not to the WAL
   * and again to the file; an interrupted load leaves a file that is thrown away. Back in WAL
   * mode when closed; the caller syncs the file before renaming it.
   */
  readonly bulkLoad?: boolean
  /**
   * Copy the WAL into the file from a worker thread instead of on the commit that fills it
   * (the server, decision 0048).
   */
  readonly checkpoints?: CheckpointOptions
  /**
   * One of several threads serving the file (decision 0051): write transactions take the
   * threads' write lock, changes go to the other threads, and one thread checkpoints.
   */
  readonly threads?: SqliteThreads
}

type Opened = {
  readonly raw: DatabaseSync
  readonly version: number
  readonly readOnly: boolean
  readonly exclusive: boolean
}

const SQLITE_CANTOPEN = 14

const userVersion = (raw: DatabaseSync) =>
  Number((raw.prepare('PRAGMA user_version').get() as { user_version: number }).user_version)

const writable = (path: string) => {
  try {
    accessSync(path, constants.W_OK)
    return true
  } catch {
    return false
  }
}

/** Opens a connection and reads from it: the first read opens the WAL and its shared index. */
function connect(path: string | URL, options: DatabaseSyncOptions, exclusive = false): Opened {
  const raw = new DatabaseSync(path, { timeout: 10_000, ...options })
  try {
    // Before anything else, or the shared index is still asked for.
    if (exclusive) raw.exec('PRAGMA locking_mode = EXCLUSIVE')
    raw.exec('PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;')
    return { raw, version: userVersion(raw), readOnly: options.readOnly ?? false, exclusive }
  } catch (e) {
    raw.close()
    throw e
  }
}

const readOnlyError = (path: string) =>
  new TicketError('unavailable', `the database at ${path} is read-only`, {
    hint: 'make the workspace writable (permissions, or a read-write mount); tk alone can still read it',
  })

const fullDiskError = (path: string, cause: unknown) =>
  new TicketError('unavailable', `the disk holding ${path} is full`, {
    hint: 'free some disk space and try again',
    cause,
  })

/**
 * A workspace that cannot be written (read-only mount or permissions) is opened read-only:
 * reads work, and writes fail with SQLITE_READONLY ("read-only; nothing was changed").
 */
function openReadOnly(path: string): Opened {
  try {
    // Works while the WAL's shared index (-shm) exists, e.g. left by a process still running.
    return connect(path, { readOnly: true })
  } catch (e) {
    if (((sqliteCode(e) ?? 0) & 0xff) !== SQLITE_CANTOPEN) throw mapSqliteError(e)
  }
  // No index can be made on a read-only mount. With the WAL empty the file alone holds every
  // change, and `immutable` reads it without one; frames still in the WAL would be missed.
  const wal = `${path}-wal`
  if (existsSync(wal) && statSync(wal).size > 0)
    throw new TicketError(
      'unavailable',
      `the database at ${path} is read-only and its last changes are still in ${wal}`,
      { hint: 'open it once where it is writable (e.g. tk doctor) to fold them in' },
    )
  const url = process.getBuiltinModule('node:url').pathToFileURL(path)
  url.search = 'immutable=1'
  try {
    return connect(url, { readOnly: true })
  } catch (e) {
    throw mapSqliteError(e)
  }
}

function openFile(path: string, options: OpenOptions): Opened {
  const exists = existsSync(path)
  if (!exists) {
    if (!options.create)
      throw new TicketError('not_found', `no ticket database at ${path}`, {
        hint: 'run `tk init` to create a workspace here, or set TICKET_HOME',
      })
    const cannotCreate = new TicketError(
      'unavailable',
      `cannot create ${path}: its directory is read-only`,
      {
        hint: 'choose a writable place with TICKET_HOME or -f, or make this one writable',
      },
    )
    try {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
    } catch (e) {
      throw (e as NodeJS.ErrnoException).code === 'ENOSPC' ? fullDiskError(path, e) : cannotCreate
    }
    if (!writable(dirname(path))) throw cannotCreate
  }
  // SQLite writes -wal and -shm beside the file, so the directory must be writable too.
  if (!writable(dirname(path)) || (exists && !writable(path))) {
    if (options.writable) throw readOnlyError(path)
    return openReadOnly(path)
  }
  try {
    return connect(path, {})
  } catch (e) {
    if (!isDiskFull(e)) throw mapSqliteError(e)
    if (options.writable) throw fullDiskError(path, e)
  }
  // On a full disk the shared index cannot grow to its first 32 KiB, so not even a read
  // works. Under exclusive locking SQLite keeps the index in this process's memory instead;
  // other processes wait for this one (a command) to finish.
  try {
    return connect(path, {}, true)
  } catch (e) {
    throw isDiskFull(e) ? fullDiskError(path, e) : mapSqliteError(e)
  }
}

const tooNew = (path: string, version: number) =>
  new TicketError(
    'unavailable',
    `the database at ${path} has schema version ${version}; this tk knows up to ${SCHEMA_VERSION}`,
    { hint: 'upgrade tk to open it' },
  )

/**
 * quality.md "Schema upgrades": an older database is copied aside before it is changed. The
 * copy is one consistent snapshot (VACUUM INTO), kept only if it still has the old version:
 * another process may have migrated the file meanwhile.
 */
function backUp(raw: DatabaseSync, path: string, version: number) {
  const backup = `${path}.v${version}.bak`
  const tmp = `${backup}.${process.pid}.tmp`
  rmSync(tmp, { force: true })
  try {
    raw.prepare('VACUUM INTO ?').run(tmp)
    const copy = new DatabaseSync(tmp, { readOnly: true })
    const copied = userVersion(copy)
    copy.close()
    if (copied === version) renameSync(tmp, backup)
  } finally {
    rmSync(tmp, { force: true })
  }
}

async function migrate(opened: Opened, db: Db, path: string, bulkLoad = false): Promise<void> {
  const { raw, version, readOnly } = opened
  if (version === SCHEMA_VERSION) return
  if (version > SCHEMA_VERSION) throw tooNew(path, version)
  if (readOnly)
    throw new TicketError(
      'unavailable',
      `the database at ${path} has schema version ${version} and is read-only; this tk must upgrade it to ${SCHEMA_VERSION}`,
      { hint: 'open it once where it is writable, or use the tk that made it' },
    )
  // A bulk load's new file keeps its rollback journal in memory (it holds only the pages that
  // existed when the load began: the empty schema) and writes each page once, unsynced.
  raw.exec(
    bulkLoad && version === 0
      ? 'PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF'
      : 'PRAGMA journal_mode = WAL',
  )
  if (version > 0) backUp(raw, path, version)
  const dialect = {
    createSearchIndex: createSqliteSearchIndex,
    createTicketCounts: createSqliteTicketCounts,
  }
  // Under the write lock (BEGIN IMMEDIATE) the version is read again: processes opening the
  // same old file at once queue here, and those after the first find nothing left to do.
  await db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ user_version: number }>`PRAGMA user_version`.execute(trx)
    const current = Number(rows[0]!.user_version)
    if (current > SCHEMA_VERSION) throw tooNew(path, current)
    if (current === SCHEMA_VERSION) return
    for (const m of MIGRATIONS) if (m.version > current) await m.up(trx, dialect)
    await sql.raw(`PRAGMA user_version = ${SCHEMA_VERSION}`).execute(trx)
  })
}

const sqliteIdsIn = (param: unknown) => sql<number>`(SELECT value FROM json_each(${param}))`
const SQLITE_SQL = {
  idList: (ids: readonly number[]) => sqliteIdsIn(JSON.stringify(ids)),
  idParam: (ids: readonly number[]) => JSON.stringify(ids),
  idsIn: sqliteIdsIn,
  // SQLite never reorders the tables of a CROSS JOIN.
  orderedJoin: sql`CROSS JOIN`,
  // Writes are serialised by the file's write lock: nobody else can be claiming meanwhile.
  skipLocked: sql``,
}

// SQLite's own default, which the server's connection returns to if its checkpointer stops.
const AUTOCHECKPOINT_PAGES = 1000

/**
 * The server's checkpointer (decision 0048), on a file other processes may open too. Its
 * connection no longer checkpoints at 1,000 pages, only past four times `restartPages`: a
 * bound on the WAL should the worker fall behind.
 */
function startsCheckpointer(
  opened: Opened,
  db: Kysely<Database>,
  path: string,
  o: OpenOptions,
  lock: WriteLock | undefined,
) {
  if (!o.checkpoints || opened.readOnly || opened.exclusive || o.bulkLoad) return undefined
  const { raw } = opened
  raw.exec(`PRAGMA wal_autocheckpoint = ${4 * o.checkpoints.restartPages}`)
  // The other threads' connections keep that bound too, and leave the copies to this one.
  if (o.threads && !o.threads.checkpointer) return undefined
  const holdConnection = <T>(fn: () => Promise<T>) => db.connection().execute(() => fn())
  return startCheckpointer(
    path,
    o.checkpoints,
    // With several threads, every thread's writes pause: they all take the write lock first.
    lock ? (fn) => lock.run(() => holdConnection(fn)) : holdConnection,
    () => {
      if (raw.isOpen) raw.exec(`PRAGMA wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`)
    },
  )
}

/** Opens (and migrates forward) the SQLite database at `path`. */
export async function openSqliteStore(path: string, options: OpenOptions = {}): Promise<Store> {
  const opened = openFile(path, options)
  const { raw } = opened
  const dialect = new NodeSqliteDialect(raw)
  const db = new Kysely<Database>({ dialect })
  registerDialectSql(db, SQLITE_SQL)
  registerRunNow(db, (inTransaction, text, parameters) =>
    dialect.runNow(inTransaction, text, parameters),
  )
  try {
    await migrate(opened, db, path, options.bulkLoad)
  } catch (e) {
    await db.destroy()
    throw mapSqliteError(e)
  }
  // The transaction the current call chain runs in, if any.
  const inside = new AsyncLocalStorage<Db>()
  const guard = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn()
    } catch (e) {
      throw mapSqliteError(e)
    }
  }
  // Every query of a read joins its transaction: the executor keeps the database's compiler,
  // adapter and plugins, and takes the held connection instead of the driver's.
  const executor = db.getExecutor()
  const read: Store['read'] = (fn) => {
    const outer = inside.getStore()
    if (outer) return guard(() => fn(outer))
    const driver = dialect.driver
    const ran =
      driver &&
      dialect.readTransaction((held) => {
        const trx = new Transaction<Database>({
          config: { dialect },
          dialect,
          driver,
          executor: executor.withConnectionProvider(held),
        })
        return inside.run(trx, fn, trx)
      })
    if (ran) return guard(() => ran)
    return guard(() =>
      db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => inside.run(trx, fn, trx)),
    )
  }
  const readOne: Store['readOne'] = (fn) => {
    const outer = inside.getStore()
    return guard(() => fn(outer ?? db))
  }
  const lock = options.threads ? writeLock(options.threads.writeLock) : undefined
  const broadcast = options.threads ? channelBroadcast(options.threads.channel) : undefined
  const checkpointer = startsCheckpointer(opened, db, path, options, lock)
  const pool = options.readPool
  const poolDb = pool
    ? new Kysely<Database>({ dialect: new ReadPoolDialect(path, pool) })
    : undefined
  if (poolDb) registerDialectSql(poolDb, SQLITE_SQL)
  const longRead: Store['longRead'] = (fn) => {
    if (!pool || !poolDb || inside.getStore()) return read(fn)
    return guard(() =>
      withDeadline(pool.timeoutMs, () =>
        poolDb
          .transaction()
          .setAccessMode('read only')
          .execute((trx) => inside.run(trx, fn, trx)),
      ),
    )
  }
  const transaction: Store['transaction'] = (fn) => {
    // The one connection is held by the read or write under way: waiting for it would hang.
    if (inside.getStore()) throw new Error('a write transaction cannot start inside another')
    const write = () => db.transaction().execute((trx) => inside.run(trx, fn, trx))
    // The write lock first, then the connection: a thread waiting for the lock keeps reading.
    return guard(lock ? () => lock.run(write) : write)
  }
  /**
   * One snapshot read on a connection of its own, so a server writing meanwhile can neither
   * tear it nor wait for it. Under exclusive locking (a full disk) no second connection can
   * read, and the command's own one is used: nothing else runs in that process meanwhile.
   */
  function* dumpStream() {
    const own = opened.exclusive
      ? undefined
      : opened.readOnly
        ? openReadOnly(path).raw
        : connect(path, { readOnly: true }).raw
    const reader = own ?? raw
    reader.exec('BEGIN')
    try {
      yield* dumpTableStream(reader, userVersion(reader))
    } finally {
      reader.exec('COMMIT')
      own?.close()
    }
  }
  return {
    db,
    location: path,
    transaction,
    // One snapshot per read: consistent across its queries, and SQLite takes its read lock once
    // instead of once per statement. A read nested in a read or a write joins it.
    read,
    readOne,
    longRead,
    searchTicketIds: (words, scope) => read((db) => searchTicketIds(db, words, scope)),
    integrityCheck: () =>
      read(async (db) => {
        const { rows } = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db)
        const fk = await sql<{ table: string }>`PRAGMA foreign_key_check`.execute(db)
        return [
          ...rows.map((r) => r.integrity_check),
          ...fk.rows.map((r) => `foreign key violation in ${r.table}`),
        ]
      }),
    schemaVersion: async () =>
      Number((raw.prepare('PRAGMA user_version').get() as { user_version: number }).user_version),
    dumpTables: async () => {
      const parts = dumpStream()
      const head = parts.next().value as DumpHead
      const tables = await collectTables(parts as Generator<SnapshotBatch>)
      return { tables, sequences: head.sequences }
    },
    dumpTableStream: dumpStream,
    // The raw connection is used under the transaction's lock: row by row through one prepared
    // statement, without building a query per batch.
    replaceTables: (dump) => {
      const source =
        Symbol.iterator in dump.tables || Symbol.asyncIterator in dump.tables
          ? (dump as TableSource)
          : { sequences: dump.sequences, tables: tableBatches(dump.tables) }
      return transaction(() =>
        replaceTables(raw, source, () => {
          rebuildSqliteSearchIndex(raw)
          refillSqliteTicketCounts(raw)
        }),
      )
    },
    ...(broadcast ? { broadcast } : {}),
    close: async () => {
      broadcast?.close()
      await checkpointer?.close()
      await poolDb?.destroy()
      if (options.bulkLoad) raw.exec('PRAGMA journal_mode = WAL')
      await db.destroy()
      // Kysely closes its driver only if a query went through its own executor; a command that
      // only read ran its reads beside it (decision 0048), and left the file open without this.
      if (raw.isOpen) raw.close()
    },
  }
}
