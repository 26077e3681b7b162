/** @module Whole-database dump and restore for PostgreSQL, driven by the live schema. */
import { type Kysely, sql } from 'kysely'
import { invalid } from '../../domain/errors.ts'
import {
  type SnapshotBatch,
  type SnapshotTable,
  type SnapshotValue,
  snapshotBatches,
} from '../../domain/snapshot.ts'
import { checkFits, type TableInfo } from '../snapshot-fit.ts'
import type { TableDump, TableSource } from '../store.ts'
import { SCHEMA_TABLE } from './schema-version.ts'
import { refillPostgresTicketCounts } from './ticket-counts.ts'

// biome-ignore lint/suspicious/noExplicitAny: the tables are read from the schema at run time
type AnyDb = Kysely<any>

/** Bound parameters per INSERT, well under PostgreSQL's limit of 65,535. */
const MAX_PARAMS = 8000

async function insertRows(db: AnyDb, batch: SnapshotBatch) {
  if (batch.rows.length === 0 || batch.columns.length === 0) return
  const per = Math.max(1, Math.floor(MAX_PARAMS / batch.columns.length))
  const columns = sql.join(batch.columns.map((c) => sql.ref(c)))
  for (let i = 0; i < batch.rows.length; i += per) {
    const values = batch.rows.slice(i, i + per).map((r) => sql`(${sql.join(r)})`)
    await sql`INSERT INTO ${sql.table(batch.table)} (${columns}) VALUES ${sql.join(values)}`.execute(
      db,
    )
  }
}

const isSource = (dump: TableDump | TableSource): dump is TableSource =>
  Symbol.iterator in dump.tables || Symbol.asyncIterator in dump.tables

/**
 * Every table that holds data, in creation order (the same order SQLite gives), read from the
 * catalogue so tables added by later migrations are included without anyone listing them.
 * Sessions are credentials, not data; the schema version is not data either, and the ticket
 * counts are derived (refilled after a load).
 */
async function dataTables(db: AnyDb): Promise<TableInfo[]> {
  const { rows } = await sql<{ name: string; columns: string[]; pk: string[] | null }>`
    SELECT c.relname AS name,
      (SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a
        WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
      (SELECT array_agg(a.attname::text ORDER BY k.n) FROM pg_index i
        CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
        WHERE i.indrelid = c.oid AND i.indisprimary) AS pk
    FROM pg_class c
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
      AND c.relname NOT IN ('sessions', 'rate_limits', ${SCHEMA_TABLE}, 'ticket_counts')
    ORDER BY c.oid`.execute(db)
  return rows.map((r) => ({ name: r.name, columns: r.columns, order: r.pk ?? r.columns }))
}

/** Each identity column's sequence by table: the largest id handed out so far (0: none). */
async function sequences(db: AnyDb): Promise<Record<string, number>> {
  const { rows } = await sql<{ name: string; seq: string }>`
    SELECT c.relname AS name, pg_get_serial_sequence(quote_ident(c.relname), a.attname) AS seq
    FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
      AND a.attidentity <> '' ORDER BY c.relname`.execute(db)
  const out: Record<string, number> = {}
  for (const r of rows) {
    const { rows: s } = await sql<{ last_value: number; is_called: boolean }>`
      SELECT last_value, is_called FROM ${sql.raw(r.seq)}`.execute(db)
    const n = s[0]?.is_called ? Number(s[0].last_value) : 0
    if (n > 0) out[r.name] = n
  }
  return out
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

const FOREIGN_KEY_VIOLATION = '23503'

/**
 * Replaces the rows of every data table with the dump's, inside the caller's transaction.
 * Foreign keys (all deferrable here) are checked once at the end, so rows may arrive in any
 * order; a dangling reference aborts the whole import.
 */
export async function replaceTables(
  db: AnyDb,
  dump: TableDump | TableSource,
): Promise<Record<string, number>> {
  const live = new Map((await dataTables(db)).map((t) => [t.name, t]))
  await sql`SET CONSTRAINTS ALL DEFERRED`.execute(db)
  for (const t of [...live.values()].reverse())
    await sql`DELETE FROM ${sql.table(t.name)}`.execute(db)
  const batches = isSource(dump) ? dump.tables : snapshotBatches(dump.tables)
  const counts: Record<string, number> = {}
  for await (const batch of batches) {
    checkFits(batch.table, batch.columns, live)
    counts[batch.table] = (counts[batch.table] ?? 0) + batch.rows.length
    await insertRows(db, batch)
  }
  // Ids handed out later continue after the dump's, and after every id it holds.
  const { rows: seqs } = await sql<{ name: string; col: string; seq: string }>`
    SELECT c.relname AS name, a.attname AS col,
      pg_get_serial_sequence(quote_ident(c.relname), a.attname) AS seq
    FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
      AND a.attidentity <> ''`.execute(db)
  for (const s of seqs) {
    const floor = dump.sequences[s.name] ?? 0
    await sql`SELECT setval(${s.seq}, GREATEST(${floor}::bigint,
      (SELECT coalesce(max(${sql.ref(s.col)}), 0) FROM ${sql.table(s.name)}), 1),
      GREATEST(${floor}::bigint, (SELECT coalesce(max(${sql.ref(s.col)}), 0) FROM ${sql.table(s.name)})) > 0)`.execute(
      db,
    )
  }
  await refillPostgresTicketCounts(db)
  try {
    await sql`SET CONSTRAINTS ALL IMMEDIATE`.execute(db)
  } catch (e) {
    const failure = e as { code?: string; table?: string; detail?: string }
    if (failure.code !== FOREIGN_KEY_VIOLATION) throw e
    const parent = /in table "([^"]+)"/.exec(failure.detail ?? '')?.[1] ?? 'referenced'
    throw invalid(
      `the snapshot is inconsistent: a row of ${failure.table} refers to a missing ${parent} row (${failure.detail}); nothing was imported`,
      'export the snapshot again from a healthy workspace',
    )
  }
  return counts
}
