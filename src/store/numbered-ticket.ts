/**
 * @module A new ticket's row with the next key of its project's counter, and its history row,
 * written together: one statement where the dialect can write in a WITH (PostgreSQL), else
 * three in the caller's transaction.
 */
import type { Selectable } from 'kysely'
import type { HistoryTable, TicketsTable } from './database.ts'
import { dialectSql } from './dialect-sql.ts'
import type { Db } from './store.ts'
import { NEW_TICKET, type NewTicketRow } from './tickets.ts'

export type NumberedTicket = {
  /** Everything but the number and the key, which the project's counter gives. */
  readonly row: Omit<NewTicketRow, 'seq' | 'key'>
  /** The key before its number, e.g. `TK-T-`. */
  readonly keyPrefix: string
  /** The history row, less what the ticket gives it (project, ticket id and key). */
  readonly history: Omit<Selectable<HistoryTable>, 'id' | 'project_id' | 'ticket_id' | 'ticket_key'>
}

/**
 * Takes the next number of the ticket's project, unless the project is closed or gone, and
 * writes the ticket and its history row with it; the ticket as written, or undefined when
 * the project refused (nothing written, no number used). The project's row is locked from
 * the counter's update to commit, and taking it is the first write.
 */
export async function insertNumberedTicket(
  db: Db,
  t: NumberedTicket,
): Promise<Selectable<TicketsTable> | undefined> {
  const atOnce = dialectSql(db).insertNumberedTicket
  if (atOnce) return atOnce(db, t)
  const taken = await db
    .updateTable('projects')
    .set((eb) => ({ next_seq: eb('next_seq', '+', 1) }))
    .where('id', '=', t.row.project_id)
    .where('status', '<>', 'closed')
    .returning('next_seq')
    .executeTakeFirst()
  if (!taken) return undefined
  const seq = taken.next_seq - 1
  const row = await db
    .insertInto('tickets')
    .values({ ...NEW_TICKET, ...t.row, seq, key: `${t.keyPrefix}${seq}` })
    .returningAll()
    .executeTakeFirstOrThrow()
  await db
    .insertInto('history')
    .values({ ...t.history, project_id: row.project_id, ticket_id: row.id, ticket_key: row.key })
    .execute()
  return row
}
