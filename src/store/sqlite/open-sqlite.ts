import { AsyncLocalStorage } from 'node:async_hooks'

const { copyFileSync, existsSync, mkdirSync } = process.getBuiltinModule('node:fs')

import { dirname } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { Kysely, sql } from 'kysely'
import { TicketError } from '../../domain/errors.ts'
import type { Database } from '../database.ts'
import { MIGRATIONS, SCHEMA_VERSION } from '../migrations/index.ts'
import type { Db, Store } from '../store.ts'
import { NodeSqliteDialect } from './node-sqlite-driver.ts'
import { createSqliteSearchIndex, rebuildSqliteSearchIndex, toFtsQuery } from './search-index.ts'
import { dumpTables, replaceTables } from './snapshot.ts'
import { mapSqliteError } from './sqlite-errors.ts'

export type OpenOptions = {
  /** Create the file if it does not exist (only `tk init` and the server do). */
  readonly create?: boolean
}

function openFile(path: string, create: boolean): DatabaseSync {
  if (!existsSync(path)) {
    if (!create)
      throw new TicketError('not_found', `no ticket database at ${path}`, {
        hint: 'run `tk init` to create a workspace here, or set TICKET_HOME',
      })
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
  }
  try {
    const db = new DatabaseSync(path, { timeout: 10_000 })
    db.exec('PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;')
    return db
  } catch (e) {
    throw mapSqliteError(e)
  }
}

async function migrate(raw: DatabaseSync, db: Db, path: string): Promise<void> {
  const current = Number(
    (raw.prepare('PRAGMA user_version').get() as { user_version: number }).user_version,
  )
  if (current === SCHEMA_VERSION) return
  if (current > SCHEMA_VERSION)
    throw new TicketError(
      'unavailable',
      `the database at ${path} has schema version ${current}; this tk knows up to ${SCHEMA_VERSION}`,
      {
        hint: 'upgrade tk to open it',
      },
    )
  raw.exec('PRAGMA journal_mode = WAL')
  // quality.md "Schema upgrades": an older database is copied aside before it is changed.
  if (current > 0) {
    raw.exec('PRAGMA wal_checkpoint(TRUNCATE)')
    copyFileSync(path, `${path}.v${current}.bak`)
  }
  const dialect = { createSearchIndex: createSqliteSearchIndex }
  await db.transaction().execute(async (trx) => {
    for (const m of MIGRATIONS) if (m.version > current) await m.up(trx, dialect)
    await sql.raw(`PRAGMA user_version = ${SCHEMA_VERSION}`).execute(trx)
  })
}

/** Opens (and migrates forward) the SQLite database at `path`. */
export async function openSqliteStore(path: string, options: OpenOptions = {}): Promise<Store> {
  const raw = openFile(path, options.create ?? false)
  const db = new Kysely<Database>({ dialect: new NodeSqliteDialect(raw) })
  try {
    await migrate(raw, db, path)
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
  const read: Store['read'] = (fn) => {
    const outer = inside.getStore()
    if (outer) return guard(() => fn(outer))
    return guard(() =>
      db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => inside.run(trx, fn, trx)),
    )
  }
  const transaction: Store['transaction'] = (fn) => {
    // The one connection is held by the read or write under way: waiting for it would hang.
    if (inside.getStore()) throw new Error('a write transaction cannot start inside another')
    return guard(() => db.transaction().execute((trx) => inside.run(trx, fn, trx)))
  }
  return {
    db,
    location: path,
    transaction,
    // One snapshot per read: consistent across its queries, and SQLite takes its read lock once
    // instead of once per statement. A read nested in a read or a write joins it.
    read,
    searchTicketIds: (words, scope) =>
      read(async (db) => {
        const q = toFtsQuery(words)
        if (q === undefined) return []
        const project =
          scope.projectId === undefined ? sql`` : sql`AND t.project_id = ${scope.projectId}`
        const visible = scope.archived
          ? sql``
          : scope.closed
            ? sql`AND t.archived = 0`
            : sql`AND t.archived = 0 AND t.open = 1`
        const rank = sql`bm25(tickets_fts, 10.0, 3.0, 2.0)`
        // Ranking in the index alone first: joining every match to its ticket costs as much as
        // ranking it. Any ticket the filter keeps outside the best few candidates ranks below
        // all of them, so when enough candidates pass (or there are no more) they are the
        // answer; only otherwise is every match joined and filtered.
        const window = scope.limit * 4
        const candidates = (
          await sql<{ id: number }>`SELECT rowid AS id FROM tickets_fts
            WHERE tickets_fts MATCH ${q} ORDER BY ${rank}, rowid LIMIT ${window}`.execute(db)
        ).rows.map((r) => r.id)
        if (candidates.length === 0) return []
        const kept = new Set(
          (
            await sql<{ id: number }>`SELECT t.id FROM tickets t
              WHERE t.id IN (${sql.join(candidates)}) ${project} ${visible}`.execute(db)
          ).rows.map((r) => r.id),
        )
        const passed = candidates.filter((id) => kept.has(id))
        if (passed.length >= scope.limit || candidates.length < window)
          return passed.slice(0, scope.limit)
        const { rows } = await sql<{ id: number }>`SELECT t.id FROM tickets_fts
          JOIN tickets t ON t.id = tickets_fts.rowid
          WHERE tickets_fts MATCH ${q} ${project} ${visible}
          ORDER BY ${rank}, t.id LIMIT ${scope.limit}`.execute(db)
        return rows.map((r) => r.id)
      }),
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
    // One snapshot, so a server writing meanwhile cannot tear it.
    dumpTables: () => read(dumpTables),
    replaceTables: (dump) =>
      transaction((trx) => replaceTables(trx, dump, rebuildSqliteSearchIndex)),
    close: () => db.destroy(),
  }
}
