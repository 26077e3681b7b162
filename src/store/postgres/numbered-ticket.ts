/** @module `insertNumberedTicket` on PostgreSQL: counter, ticket and history in one statement. */
import { type Selectable, sql } from 'kysely'
import type { TicketsTable } from '../database.ts'
import type { NumberedTicket } from '../numbered-ticket.ts'
import type { Db } from '../store.ts'
import { NEW_TICKET } from '../tickets.ts'
import { WRITERS_SHARED } from './schema-version.ts'

/**
 * One round trip instead of three, atomic by itself, and the project's row is held only while
 * PostgreSQL runs the statement and commits, never across a round trip to this process. The
 * values travel as one JSON parameter read into the table's own row type, so each column gets
 * its type (parameters in a SELECT list would all be text).
 */
export async function insertNumberedTicketAtOnce(
  db: Db,
  t: NumberedTicket,
): Promise<Selectable<TicketsTable> | undefined> {
  const values = { ...NEW_TICKET, ...t.row }
  const columns = Object.keys(values)
  const h = t.history
  const { rows } = await sql<Selectable<TicketsTable>>`
    WITH ${sql.raw(WRITERS_SHARED)}, seq AS (
      UPDATE projects SET next_seq = next_seq + 1
       WHERE id = ${t.row.project_id} AND status <> 'closed'
      RETURNING next_seq - 1 AS n
    ), t AS (
      INSERT INTO tickets (${sql.join(columns.map((c) => sql.ref(c)))}, seq, key)
      SELECT ${sql.join(columns.map((c) => sql.ref(`r.${c}`)))}, seq.n, ${t.keyPrefix}::text || seq.n
        FROM seq, jsonb_populate_record(NULL::tickets, ${JSON.stringify(values)}::jsonb) r
      RETURNING *
    ), h AS (
      INSERT INTO history (project_id, ticket_id, ticket_key, event_type, actor, payload, created_at)
      SELECT t.project_id, t.id, t.key, ${h.event_type}::text, ${h.actor}::text,
             ${h.payload}::text, ${h.created_at}::text
        FROM t
    )
    SELECT * FROM t`.execute(db)
  return rows[0]
}
