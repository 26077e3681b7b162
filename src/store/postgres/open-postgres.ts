import { AsyncLocalStorage } from 'node:async_hooks'
import { Kysely, sql } from 'kysely'
import { TicketError } from '../../domain/errors.ts'
import type { Database } from '../database.ts'
import { registerDialectSql } from '../dialect-sql.ts'
import { MIGRATIONS, SCHEMA_VERSION } from '../migrations/index.ts'
import { readTimedOut } from '../read-timeout.ts'
import type { Db, Store } from '../store.ts'
import { nameStatements } from './named-statements.ts'
import { postgresBroadcast } from './notify.ts'
import { groupCreates } from './numbered-ticket.ts'
import { TicketPostgresDialect } from './postgres-dialect.ts'
import { isRetryable, mapPostgresError } from './postgres-errors.ts'
import { readsInOne } from './reads-in-one.ts'
import { readSchemaVersion, takeWriteLock, writeSchemaVersion } from './schema-version.ts'
import { createPostgresSearchIndex, searchTicketIds } from './search-index.ts'
import { dumpTables, replaceTables } from './snapshot.ts'
import { createPostgresTicketCounts } from './ticket-counts.ts'

export type PostgresOptions = {
  /** Connections this process keeps open at most (pg's default is 10). */
  readonly poolSize?: number
  /** Bounds each `longRead`'s statements (statement_timeout); unbounded without it. */
  readonly readTimeoutMs?: number
}

const postgresIdsIn = (param: unknown) => sql<number>`(SELECT unnest(${param}::integer[]))`
const POSTGRES_SQL = {
  idList: (ids: readonly number[]) => postgresIdsIn(ids),
  idParam: (ids: readonly number[]) => ids,
  idsIn: postgresIdsIn,
  // PostgreSQL plans joins on its own statistics; there is no join-order hint to give.
  orderedJoin: sql`JOIN`,
  skipLocked: sql`FOR UPDATE OF t SKIP LOCKED`,
  readsInOne,
}

// Any number: every server takes the same lock, so only one migrates and the rest wait.
const MIGRATION_LOCK = 0x7469636b

/** A URL fit to print: the password, if any, left out. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return 'postgres://…'
  }
}

const tooNew = (where: string, version: number) =>
  new TicketError(
    'unavailable',
    `the database at ${where} has schema version ${version}; this tk knows up to ${SCHEMA_VERSION}`,
    { hint: 'upgrade tk to open it' },
  )

/**
 * Migrates forward under a transaction-scoped advisory lock: servers starting together queue
 * here, and those after the first find nothing left to do. DDL is transactional on
 * PostgreSQL, so a failed migration leaves the previous version intact.
 */
async function migrate(db: Db, where: string): Promise<void> {
  if ((await readSchemaVersion(db)) === SCHEMA_VERSION) return
  const dialect = {
    createSearchIndex: createPostgresSearchIndex,
    createTicketCounts: createPostgresTicketCounts,
  }
  await db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx)
    const current = await readSchemaVersion(trx)
    if (current > SCHEMA_VERSION) throw tooNew(where, current)
    if (current === SCHEMA_VERSION) return
    for (const m of MIGRATIONS) if (m.version > current) await m.up(trx, dialect)
    await writeSchemaVersion(trx, SCHEMA_VERSION)
  })
}

// Attempts at a write that lost a serialization race before its error is reported.
const ATTEMPTS = 20

/** Opens (and migrates forward) the PostgreSQL database at `url`. */
export async function openPostgresStore(
  url: string,
  options: PostgresOptions = {},
): Promise<Store> {
  const { default: pg } = await import('pg')
  const where = redactUrl(url)
  // Counts and sums are 64-bit in PostgreSQL; ticket data stays far inside a double's range.
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === 20 || oid === 1700
        ? (v: string) => Number(v)
        : pg.types.getTypeParser(oid, format as 'text'),
  }
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types })
  // An idle connection the server drops (restart, failover) must not crash the process.
  pool.on('error', () => {})
  pool.on('connect', nameStatements)
  const db = new Kysely<Database>({ dialect: new TicketPostgresDialect(pool) })
  // Plain creates of one project that arrive together share a statement (decision 0046).
  const grouped = groupCreates()
  registerDialectSql(db, { ...POSTGRES_SQL, insertNumberedTicket: grouped.insert })
  try {
    await migrate(db, where)
  } catch (e) {
    await db.destroy()
    throw mapPostgresError(e)
  }
  const inside = new AsyncLocalStorage<Db>()
  const guard = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn()
    } catch (e) {
      throw mapPostgresError(e)
    }
  }
  // One snapshot per read, consistent across its queries; a read nested in a read or a write
  // joins it.
  const read: Store['read'] = (fn) => {
    const outer = inside.getStore()
    if (outer) return guard(() => fn(outer))
    return guard(() =>
      db
        .transaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute((trx) => inside.run(trx, fn, trx)),
    )
  }
  // Jittered so the racers do not meet again at once.
  const backOff = (attempt: number) =>
    new Promise((r) => setTimeout(r, Math.random() * 2 * attempt))
  /**
   * Serializable, so the service's read-then-write steps stay as safe across servers as they
   * are under SQLite's single writer: a transaction that raced another is rolled back and run
   * again from the start. The first attempt runs alongside other writers; a retry first takes
   * the writers' lock, before its snapshot, so writes that keep colliding take turns instead
   * of failing each other over and over.
   */
  const serializable = <T>(fn: (db: Db) => Promise<T>): Promise<T> =>
    guard(async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db
            .transaction()
            .setIsolationLevel('serializable')
            .execute(async (trx) => {
              if (attempt > 1) await takeWriteLock(trx)
              return inside.run(trx, fn, trx)
            })
        } catch (e) {
          if (!isRetryable(e) || attempt >= ATTEMPTS) throw e
          await backOff(attempt)
        }
      }
    })
  /**
   * `WriteMode` 'one-statement': nothing opened around `fn`. Its reads and its one write each
   * run on their own, at READ COMMITTED, so there is no BEGIN or COMMIT round trip, and the rows
   * the write locks are held only while PostgreSQL runs it and commits, never while a reply
   * travels to this process. The write takes the writers' lock in a shared mode itself
   * (`WRITERS_SHARED`). Only a deadlock runs it again.
   */
  const oneStatement = <T>(fn: (db: Db) => Promise<T>): Promise<T> =>
    guard(async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await inside.run(db, fn, db)
        } catch (e) {
          if (!isRetryable(e) || attempt >= ATTEMPTS) throw e
          await backOff(attempt)
        }
      }
    })
  const transaction: Store['transaction'] = (fn, mode = 'serializable') => {
    if (inside.getStore()) throw new Error('a write transaction cannot start inside another')
    return mode === 'one-statement' ? oneStatement(fn) : serializable(fn)
  }
  return {
    db,
    location: where,
    transaction,
    read,
    // One statement is its own snapshot; it joins the read or write under way.
    readOne: (fn) => {
      const outer = inside.getStore()
      return guard(() => fn(outer ?? db))
    },
    // The driver is asynchronous already: a long read waits on its own connection of the
    // pool while the event loop goes on. Bounded in time by the server itself.
    longRead: (fn) => {
      const timeoutMs = options.readTimeoutMs
      if (timeoutMs === undefined || inside.getStore()) return read(fn)
      return read(async (db) => {
        await sql`SELECT set_config('statement_timeout', ${String(timeoutMs)}, true)`.execute(db)
        try {
          return await fn(db)
        } catch (e) {
          // query_canceled: the statement outlived statement_timeout.
          if ((e as { code?: unknown }).code === '57014') throw readTimedOut(timeoutMs)
          throw e
        }
      })
    },
    searchTicketIds: (words, scope) => read((db) => searchTicketIds(db, words, scope)),
    integrityCheck: () =>
      read(async (db) => {
        // PostgreSQL checks its own pages; what can go wrong for us is a constraint or an
        // index left unusable (e.g. by an interrupted concurrent build).
        const { rows } = await sql<{ problem: string }>`
          SELECT 'constraint ' || conname || ' is not validated' AS problem
            FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
              AND NOT convalidated
          UNION ALL
          SELECT 'index ' || i.indexrelid::regclass::text || ' is not valid'
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE c.relnamespace = current_schema()::regnamespace AND NOT i.indisvalid`.execute(db)
        return rows.length === 0 ? ['ok'] : rows.map((r) => r.problem)
      }),
    schemaVersion: () => read(readSchemaVersion),
    dumpTables: () => read(dumpTables),
    replaceTables: (dump) => transaction((trx) => replaceTables(trx, dump)),
    broadcast: postgresBroadcast(pool),
    poolUse: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    groupedCreates: grouped.counts,
    close: () => db.destroy(),
  }
}
