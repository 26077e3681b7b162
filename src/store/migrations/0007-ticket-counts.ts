import { type Kysely, sql } from 'kysely'
import { FILL_TICKET_COUNTS } from '../ticket-counts.ts'
import type { Migration } from './index.ts'

/**
 * Open, archived and closed tickets counted per project, type, stage and state, kept by the
 * dialect's triggers, so the board, the summary and `count` read a few rows however many
 * tickets there are (docs/decisions/0021-ticket-counts-table.md). Derived data: never
 * exported, refilled after an import.
 */
export const ticketCounts: Migration = {
  version: 7,
  name: 'ticket-counts',
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
  async up(db: Kysely<any>, dialect) {
    await db.schema
      .createTable('ticket_counts')
      .addColumn('project_id', 'integer', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('open', 'integer', (c) => c.notNull())
      .addColumn('archived', 'integer', (c) => c.notNull())
      .addColumn('n', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('ticket_counts_pk', [
        'project_id',
        'archived',
        'open',
        'type',
        'stage',
        'state',
      ])
      .execute()
    await dialect.createTicketCounts(db)
    await sql.raw(FILL_TICKET_COUNTS).execute(db)
  },
}
