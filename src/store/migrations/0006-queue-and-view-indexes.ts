import { type Kysely, sql } from 'kysely'
import type { Migration } from './index.ts'

/**
 * Indexes that keep the work queue and the project views independent of the number of
 * tickets (docs/decisions/0015-queue-and-view-indexes.md).
 */
export const queueAndViewIndexes: Migration = {
  version: 6,
  name: 'queue-and-view-indexes',
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
  async up(db: Kysely<any>) {
    // Only tickets waiting to be claimed, in claim order within a project's stage. The terms
    // are literal because SQLite uses a partial index only for queries that repeat them, and
    // repeated as key columns so the planner prefers this index to tickets_claim.
    await sql`CREATE INDEX tickets_queue
      ON tickets (project_id, stage, state, ready, open, archived, priority, created_at, id)
      WHERE state = 'idle' AND ready = 1 AND open = 1 AND archived = 0 AND assignee IS NULL`.execute(
      db,
    )
    // A board lane's first page in board order.
    await db.schema
      .createIndex('tickets_board')
      .on('tickets')
      .columns(['project_id', 'archived', 'open', 'stage', 'priority', 'sort_order', 'created_at'])
      .execute()
    // Counts per type, stage and state read from the index alone, in its order (no sort).
    await db.schema
      .createIndex('tickets_counts')
      .on('tickets')
      .columns(['project_id', 'type', 'stage', 'state', 'archived', 'open'])
      .execute()
  },
}
