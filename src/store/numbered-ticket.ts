/**
 * @module A new ticket's row with the next key of its project's counter, and its history row,
 * written together: one statement where the dialect can write in a WITH (PostgreSQL), else
 * three in the caller's transaction.
 */
import type { Selectable } from 'kysely'
import type { HistoryTable, TicketsTable } from './database.ts'
import { dialectSql } from './dialect-sql.ts'
import { insertHistory } from './history-rows.ts'
import type { Db } from './store.ts'
import { insertTicket, type NewTicketRow, takeSequence } from './tickets.ts'

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
  // In the caller's transaction, which a refusal ends (new-ticket.ts): the counter moved here
  // rolls back with it.
  const taken = await takeSequence(db, t.row.project_id)
  if (!taken || taken.status === 'closed') return undefined
  const { seq } = taken
  const row = await insertTicket(db, { ...t.row, seq, key: `${t.keyPrefix}${seq}` })
  const h = t.history
  await insertHistory(
    db,
    row.project_id,
    row.id,
    row.key,
    h.event_type,
    h.actor,
    h.payload,
    h.created_at,
  )
  return row
}
