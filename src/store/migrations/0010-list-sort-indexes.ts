import { type Kysely, sql } from 'kysely'
import type { Migration } from './index.ts'

/**
 * One index per order the list offers (domain/ticket-sort.ts), each in the order's columns
 * after the list's own filter (project, archived, open) and with the id last, so a keyset
 * page in that order reads its rows from the index in order, whatever its depth
 * (store/ticket-order.ts). Newest change first keeps `tickets_list`.
 */
export const listSortIndexes: Migration = {
  version: 10,
  name: 'list-sort-indexes',
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
  async up(db: Kysely<any>) {
    const sorts: Record<string, string> = {
      key: 'seq',
      title: 'title',
      type: 'type',
      status: 'stage, state',
      // As store/ticket-order.ts orders it: the same expression, or the index is not used.
      assignee: "(coalesce(assignee, ''))",
      priority: 'priority',
    }
    for (const [name, columns] of Object.entries(sorts))
      await sql
        .raw(
          `CREATE INDEX tickets_sort_${name} ON tickets (project_id, archived, open, ${columns}, id)`,
        )
        .execute(db)
  },
}
