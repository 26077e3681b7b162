/** @module Whole-database dump and restore for SQLite, driven by the live schema. */
import type { DatabaseSync } from 'node:sqlite'
import { invalid } from '../../domain/errors.ts'
import type { SnapshotBatch, SnapshotValue } from '../../domain/snapshot.ts'
import { checkFits, type TableInfo } from '../snapshot-fit.ts'
import type { DumpHead, TableSource } from '../store.ts'

/** Rows per batch read from a table: bounds the memory an export holds at once. */
const DUMP_BATCH = 500

const all = <T>(db: DatabaseSync, query: string, ...params: (string | number)[]) =>
  db.prepare(query).all(...params) as T[]

/** Names of the virtual tables (the full-text index), whose shadow tables hold no data of ours. */
const virtualTables = (db: DatabaseSync) =>
  all<{ name: string }>(
    db,
    `SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'`,
  ).map((r) => r.name)

/** Tables derived from others and kept by triggers: refilled after an import, never exported. */
const DERIVED = ['ticket_counts']

/**
 * Every table that holds data, in creation order. Read from `sqlite_master` so tables added
 * by later migrations are included without anyone listing them; the full-text index and its
 * shadow tables and the derived counts are left out because they are rebuilt from `tickets`,
 * and sessions because they are credentials.
 */
export function dataTables(db: DatabaseSync): TableInfo[] {
  const rows = all<{ name: string; sql: string | null }>(
    db,
    `SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY rowid`,
  )
  const virtual = virtualTables(db)
  const tables = rows.filter(
    (r) =>
      !r.name.startsWith('sqlite_') &&
      // Sessions are credentials, not data: never exported; an import replaces the users, and
      // their sessions end with them.
      r.name !== 'sessions' &&
      // Sign-in attempts per address: transient, and no business of another workspace.
      r.name !== 'rate_limits' &&
      !DERIVED.includes(r.name) &&
      !virtual.some((v) => r.name === v || r.name.startsWith(`${v}_`)),
  )
  return tables.map((t) => {
    const cols = all<{ name: string; pk: number }>(
      db,
      'SELECT name, pk FROM pragma_table_info(?) ORDER BY cid',
      t.name,
    )
    const columns = cols.map((c) => c.name)
    // Rows come out in a stable order: by rowid, or by primary key where there is no rowid.
    const pk = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk)
    const order = /WITHOUT\s+ROWID/i.test(t.sql ?? '') ? pk.map((c) => c.name) : ['rowid']
    return { name: t.name, columns, order: order.length > 0 ? order : columns }
  })
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`

function sequences(db: DatabaseSync): Record<string, number> {
  const exists = all<{ n: number }>(
    db,
    `SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_sequence'`,
  )
  if (Number(exists[0]?.n ?? 0) === 0) return {}
  const rows = all<{ name: string; seq: number }>(
    db,
    'SELECT name, seq FROM sqlite_sequence ORDER BY name',
  )
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.seq)]))
}

/**
 * Reads every data table in batches, inside the caller's read transaction on `db`. Rows are
 * read as arrays, in the table's stable order, so nothing but the batch under way is held.
 */
export function* dumpTableStream(
  db: DatabaseSync,
  schemaVersion: number,
): Generator<DumpHead | SnapshotBatch> {
  yield { schema_version: schemaVersion, sequences: sequences(db) }
  for (const t of dataTables(db)) {
    const stmt = db.prepare(
      `SELECT ${t.columns.map(quote).join(', ')} FROM ${quote(t.name)} ORDER BY ${t.order.map(quote).join(', ')}`,
    )
    stmt.setReturnArrays(true)
    let rows: SnapshotValue[][] = []
    let any = false
    for (const row of stmt.iterate() as Iterable<SnapshotValue[]>) {
      rows.push(row)
      if (rows.length === DUMP_BATCH) {
        yield { table: t.name, columns: t.columns, rows }
        any = true
        rows = []
      }
    }
    if (rows.length > 0 || !any) yield { table: t.name, columns: t.columns, rows }
  }
}

/**
 * Replaces the rows of every data table with the source's, inside the caller's transaction
 * on `db`, reading the source as it loads. Foreign keys are checked once at the end, so rows
 * may arrive in any order; a dangling reference aborts the whole import. The triggers that
 * keep the full-text index and the derived tables in step are set aside meanwhile: one rebuild
 * at the end (`rebuildDerived`) costs a fraction of keeping them row by row, and they are
 * restored, as they were, before commit; so are the secondary indexes.
 */
export async function replaceTables(
  db: DatabaseSync,
  source: TableSource,
  rebuildDerived: () => void,
): Promise<Record<string, number>> {
  const live = new Map(dataTables(db).map((t) => [t.name, t]))
  const virtual = virtualTables(db)
  const triggers = all<{ name: string; sql: string }>(
    db,
    `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid`,
  ).filter((t) => [...virtual, ...DERIVED].some((v) => t.sql.includes(v)))
  for (const t of triggers) db.exec(`DROP TRIGGER ${quote(t.name)}`)
  // Secondary indexes too: built once from the loaded rows (a sort) instead of updated row by
  // row. Those of UNIQUE constraints and primary keys stay (they have no SQL to restore them).
  const indexes = all<{ name: string; sql: string }>(
    db,
    `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY rowid`,
  ).filter((i) => !/^\s*CREATE\s+UNIQUE/i.test(i.sql))
  for (const i of indexes) db.exec(`DROP INDEX ${quote(i.name)}`)
  db.exec('PRAGMA defer_foreign_keys = ON')
  for (const t of [...live.values()].reverse()) db.exec(`DELETE FROM ${quote(t.name)}`)
  const counts: Record<string, number> = {}
  let insert: { table: string; columns: readonly string[]; run: (row: never[]) => void } | undefined
  for await (const batch of source.tables) {
    if (insert?.table !== batch.table || insert.columns !== batch.columns) {
      checkFits(batch.table, batch.columns, live)
      counts[batch.table] ??= 0
      if (batch.columns.length === 0) continue
      const stmt = db.prepare(
        `INSERT INTO ${quote(batch.table)} (${batch.columns.map(quote).join(', ')}) VALUES (${batch.columns.map(() => '?').join(', ')})`,
      )
      insert = { table: batch.table, columns: batch.columns, run: (row) => stmt.run(...row) }
    }
    for (const row of batch.rows) insert.run(row as never[])
    counts[batch.table]! += batch.rows.length
  }
  const seq = Object.entries(source.sequences)
  if (seq.length > 0 || Object.keys(sequences(db)).length > 0) {
    db.exec('DELETE FROM sqlite_sequence')
    const put = db.prepare('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)')
    for (const [name, n] of seq) put.run(name, n)
  }
  for (const i of indexes) db.exec(i.sql)
  const broken = all<{ table: string; parent: string }>(db, 'PRAGMA foreign_key_check')
  const first = broken[0]
  if (first)
    throw invalid(
      `the snapshot is inconsistent: a row of ${first.table} refers to a missing ${first.parent} row (${broken.length} such rows in all); nothing was imported`,
      'export the snapshot again from a healthy workspace',
    )
  rebuildDerived()
  for (const t of triggers) db.exec(t.sql)
  return counts
}
