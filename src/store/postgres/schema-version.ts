import { type Kysely, sql } from 'kysely'

/** PostgreSQL has no `user_version`: the schema version lives in a one-row table of its own. */
export const SCHEMA_TABLE = 'ticket_schema'

// biome-ignore lint/suspicious/noExplicitAny: read before the typed schema exists
type AnyDb = Kysely<any>

export async function readSchemaVersion(db: AnyDb): Promise<number> {
  const exists = await sql<{
    t: string | null
  }>`SELECT to_regclass(${SCHEMA_TABLE})::text AS t`.execute(db)
  if (exists.rows[0]?.t == null) return 0
  const { rows } = await sql<{ version: number }>`
    SELECT version FROM ${sql.table(SCHEMA_TABLE)}`.execute(db)
  return Number(rows[0]?.version ?? 0)
}

export async function writeSchemaVersion(db: AnyDb, version: number): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS ${sql.table(SCHEMA_TABLE)} (version integer NOT NULL)`.execute(
    db,
  )
  await sql`DELETE FROM ${sql.table(SCHEMA_TABLE)}`.execute(db)
  await sql`INSERT INTO ${sql.table(SCHEMA_TABLE)} (version) VALUES (${version})`.execute(db)
}

/**
 * The writers' lock: LOCK TABLE takes no snapshot, so a serializable transaction that starts
 * with it sees every write committed before it got the lock. Plain reads of the table (the
 * version) are not blocked.
 */
export async function takeWriteLock(db: AnyDb): Promise<void> {
  await sql`LOCK TABLE ${sql.table(SCHEMA_TABLE)} IN EXCLUSIVE MODE`.execute(db)
}

/**
 * A WITH that takes the writers' lock in ROW SHARE mode for the statement it heads, a mode such
 * writers share with one another but not with a retrying serializable writer (`takeWriteLock`),
 * which so still runs alone. PostgreSQL locks every table a statement names before it runs,
 * so this part locks no row and need not be referred to.
 */
export const WRITERS_SHARED = `writers AS (SELECT FROM ${SCHEMA_TABLE} WHERE false FOR KEY SHARE)`
