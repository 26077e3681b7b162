/** @module The PostgreSQL trigger that keeps `ticket_counts` in step with `tickets`. */
import { type Kysely, sql } from 'kysely'
import { FILL_TICKET_COUNTS, TICKET_COUNT_KEY as KEY } from '../ticket-counts.ts'

const GROUP = (row: 'NEW' | 'OLD') =>
  `project_id = ${row}.project_id AND type = ${row}.type AND stage = ${row}.stage
      AND state = ${row}.state AND open = ${row}.open AND archived = ${row}.archived`

/** The migration's part that SQL cannot say portably (dialect hook), as SQLite's triggers do. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function createPostgresTicketCounts(db: Kysely<any>): Promise<void> {
  // A group that empties is removed, so the table holds only groups that exist.
  await sql
    .raw(`CREATE FUNCTION ticket_counts_keep() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
      UPDATE ticket_counts SET n = n - 1 WHERE ${GROUP('OLD')};
      DELETE FROM ticket_counts WHERE ${GROUP('OLD')} AND n <= 0;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
      INSERT INTO ticket_counts (${KEY}, n)
        VALUES (NEW.project_id, NEW.archived, NEW.open, NEW.type, NEW.stage, NEW.state, 1)
        ON CONFLICT (${KEY}) DO UPDATE SET n = ticket_counts.n + 1;
    END IF;
    RETURN NULL;
  END $$`)
    .execute(db)
  await sql`CREATE TRIGGER ticket_counts_insert_delete AFTER INSERT OR DELETE ON tickets
    FOR EACH ROW EXECUTE FUNCTION ticket_counts_keep()`.execute(db)
  // Only when a counted column changes: most updates (title, priority, assignee…) skip it.
  await sql
    .raw(`CREATE TRIGGER ticket_counts_update AFTER UPDATE OF ${KEY} ON tickets FOR EACH ROW
    WHEN ((OLD.project_id, OLD.type, OLD.stage, OLD.state, OLD.open, OLD.archived)
      IS DISTINCT FROM (NEW.project_id, NEW.type, NEW.stage, NEW.state, NEW.open, NEW.archived))
    EXECUTE FUNCTION ticket_counts_keep()`)
    .execute(db)
}

/** After a snapshot load: the counts again, from the rows. */
// biome-ignore lint/suspicious/noExplicitAny: shared with the untyped snapshot loader
export async function refillPostgresTicketCounts(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM ticket_counts`.execute(db)
  await sql.raw(FILL_TICKET_COUNTS).execute(db)
}
