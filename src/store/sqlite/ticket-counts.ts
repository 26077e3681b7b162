/** @module The SQLite triggers that keep `ticket_counts` in step with `tickets`. */
import type { DatabaseSync } from 'node:sqlite'
import { type Kysely, sql } from 'kysely'
import { FILL_TICKET_COUNTS, TICKET_COUNT_KEY as KEY } from '../ticket-counts.ts'

const add = (row: 'NEW' | 'OLD') =>
  `INSERT INTO ticket_counts (${KEY}, n)
    VALUES (${row}.project_id, ${row}.archived, ${row}.open, ${row}.type, ${row}.stage, ${row}.state, 1)
    ON CONFLICT (${KEY}) DO UPDATE SET n = n + 1;`

// A group that empties is removed, so the table holds only groups that exist.
const remove = (row: 'NEW' | 'OLD') =>
  `UPDATE ticket_counts SET n = n - 1
    WHERE project_id = ${row}.project_id AND type = ${row}.type AND stage = ${row}.stage
      AND state = ${row}.state AND open = ${row}.open AND archived = ${row}.archived;
  DELETE FROM ticket_counts
    WHERE project_id = ${row}.project_id AND type = ${row}.type AND stage = ${row}.stage
      AND state = ${row}.state AND open = ${row}.open AND archived = ${row}.archived AND n <= 0;`

/** Every statement that creates the triggers; their names all start `ticket_counts_`. */
export const TICKET_COUNTS_TRIGGERS = [
  `CREATE TRIGGER ticket_counts_insert AFTER INSERT ON tickets BEGIN ${add('NEW')} END`,
  `CREATE TRIGGER ticket_counts_delete AFTER DELETE ON tickets BEGIN ${remove('OLD')} END`,
  // Only when a counted column changes: most updates (title, priority, assignee…) skip it.
  `CREATE TRIGGER ticket_counts_update AFTER UPDATE OF ${KEY} ON tickets
    WHEN OLD.project_id IS NOT NEW.project_id OR OLD.type IS NOT NEW.type
      OR OLD.stage IS NOT NEW.stage OR OLD.state IS NOT NEW.state
      OR OLD.open IS NOT NEW.open OR OLD.archived IS NOT NEW.archived
    BEGIN ${remove('OLD')} ${add('NEW')} END`,
]

/** The migration's part that SQL cannot say portably: the triggers (dialect hook). */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function createSqliteTicketCounts(db: Kysely<any>): Promise<void> {
  for (const ddl of TICKET_COUNTS_TRIGGERS) await sql.raw(ddl).execute(db)
}

/** After a bulk load with the triggers set aside: the counts again, from the rows. */
export function refillSqliteTicketCounts(raw: DatabaseSync): void {
  raw.exec('DELETE FROM ticket_counts')
  raw.exec(FILL_TICKET_COUNTS)
}
