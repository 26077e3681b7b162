/** @module Whole-database dump and restore for SQLite, driven by the live schema. */
import { type Kysely, sql } from 'kysely'
import { invalid } from '../../domain/errors.ts'
import type { SnapshotTable, SnapshotValue } from '../../domain/snapshot.ts'
import type { TableDump } from '../store.ts'

// biome-ignore lint/suspicious/noExplicitAny: the tables are read from the schema at run time
type AnyDb = Kysely<any>

/** Bound parameters per INSERT, well under SQLite's limit of 32,766. */
const MAX_PARAMS = 8000

/**
 * Every table that holds data, in creation order. Read from `sqlite_master` so tables added
 * by later migrations are included without anyone listing them; the full-text index and its
 * shadow tables are left out because they are rebuilt from `tickets`, and sessions because
 * they are credentials.
 */
type TableInfo = { name: string; columns: string[]; order: string[] }

export async function dataTables(db: AnyDb): Promise<TableInfo[]> {
  const { rows } = await sql<{ name: string; sql: string | null }>`
    SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY rowid`.execute(db)
  const virtual = rows.filter((r) => /^CREATE VIRTUAL TABLE/i.test(r.sql ?? '')).map((r) => r.name)
  const tables = rows.filter(
    (r) =>
      !r.name.startsWith('sqlite_') &&
      // Sessions are credentials, not data: never exported; an import replaces the users, and
      // their sessions end with them.
      r.name !== 'sessions' &&
      !virtual.some((v) => r.name === v || r.name.startsWith(`${v}_`)),
  )
  const out: TableInfo[] = []
  for (const t of tables) {
    const cols = await sql<{ name: string; pk: number }>`
      SELECT name, pk FROM pragma_table_info(${t.name}) ORDER BY cid`.execute(db)
    const columns = cols.rows.map((c) => c.name)
    // Rows come out in a stable order: by rowid, or by primary key where there is no rowid.
    const pk = cols.rows.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk)
    const order = /WITHOUT\s+ROWID/i.test(t.sql ?? '') ? pk.map((c) => c.name) : ['rowid']
    out.push({ name: t.name, columns, order: order.length > 0 ? order : columns })
  }
  return out
}

async function sequences(db: AnyDb): Promise<Record<string, number>> {
  const exists = await sql<{ n: number }>`
    SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_sequence'`.execute(db)
  if (Number(exists.rows[0]?.n ?? 0) === 0) return {}
  const { rows } = await sql<{ name: string; seq: number }>`
    SELECT name, seq FROM sqlite_sequence ORDER BY name`.execute(db)
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.seq)]))
}

export async function dumpTables(db: AnyDb): Promise<TableDump> {
  const tables: Record<string, SnapshotTable> = {}
  for (const t of await dataTables(db)) {
    const order = sql.join(t.order.map((c) => sql.ref(c)))
    const { rows } = await sql<Record<string, SnapshotValue>>`
      SELECT * FROM ${sql.table(t.name)} ORDER BY ${order}`.execute(db)
    tables[t.name] = {
      columns: t.columns,
      rows: rows.map((r) => t.columns.map((c) => r[c] ?? null)),
    }
  }
  return { tables, sequences: await sequences(db) }
}

function checkFits(dump: TableDump, live: readonly TableInfo[]) {
  const known = new Map(live.map((t) => [t.name, new Set(t.columns)]))
  for (const [name, t] of Object.entries(dump.tables)) {
    const cols = known.get(name)
    if (!cols)
      throw invalid(
        `the snapshot has a table "${name}" that this database does not have`,
        'import it with the version of tk that exported it',
      )
    const unknown = t.columns.find((c) => !cols.has(c))
    if (unknown !== undefined)
      throw invalid(
        `the snapshot's table "${name}" has a column "${unknown}" that this database does not have`,
        'import it with the version of tk that exported it',
      )
  }
}

async function insertRows(db: AnyDb, name: string, t: SnapshotTable) {
  if (t.rows.length === 0 || t.columns.length === 0) return
  const per = Math.max(1, Math.floor(MAX_PARAMS / t.columns.length))
  const columns = sql.join(t.columns.map((c) => sql.ref(c)))
  for (let i = 0; i < t.rows.length; i += per) {
    const values = t.rows.slice(i, i + per).map((r) => sql`(${sql.join(r)})`)
    await sql`INSERT INTO ${sql.table(name)} (${columns}) VALUES ${sql.join(values)}`.execute(db)
  }
}

/**
 * Replaces the rows of every data table with the dump's, inside the caller's transaction.
 * Foreign keys are checked once at the end, so rows may arrive in any order; a dangling
 * reference aborts the whole import.
 */
export async function replaceTables(
  db: AnyDb,
  dump: TableDump,
  rebuildSearch: (db: AnyDb) => Promise<void>,
): Promise<void> {
  const live = await dataTables(db)
  checkFits(dump, live)
  await sql`PRAGMA defer_foreign_keys = ON`.execute(db)
  for (const t of [...live].reverse()) await sql`DELETE FROM ${sql.table(t.name)}`.execute(db)
  for (const t of live) {
    const rows = dump.tables[t.name]
    if (rows) await insertRows(db, t.name, rows)
  }
  const seq = Object.entries(dump.sequences)
  if (seq.length > 0 || (await sequences(db).then((s) => Object.keys(s).length > 0))) {
    await sql`DELETE FROM sqlite_sequence`.execute(db)
    for (const [name, n] of seq)
      await sql`INSERT INTO sqlite_sequence (name, seq) VALUES (${name}, ${n})`.execute(db)
  }
  const broken = await sql<{ table: string; rowid: number; parent: string }>`
    PRAGMA foreign_key_check`.execute(db)
  const first = broken.rows[0]
  if (first)
    throw invalid(
      `the snapshot is inconsistent: a row of ${first.table} refers to a missing ${first.parent} row (${broken.rows.length} such rows in all); nothing was imported`,
      'export the snapshot again from a healthy workspace',
    )
  await rebuildSearch(db)
}
