import { type Kysely, sql } from 'kysely'
import type { Migration } from './index.ts'

/**
 * The hierarchy read a page at a time (docs/decisions/0047-paged-hierarchy-and-import-load.md):
 * a project's top-level tickets in id order from an index of those alone, and one ticket's
 * children in id order, counted from the index without reading a row.
 */
export const hierarchyIndexes: Migration = {
  version: 11,
  name: 'hierarchy-indexes',
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
  async up(db: Kysely<any>) {
    // Only top-level tickets; the term is literal because a partial index serves only the
    // queries that repeat it (service/local/hierarchy.ts writes `parent_id IS NULL`), and
    // repeated as a column so SQLite counts them from the index without reading a row.
    await sql`CREATE INDEX tickets_roots ON tickets (project_id, parent_id, archived, open, id)
      WHERE parent_id IS NULL`.execute(db)
    // Was (parent_id): children in id order and counted per parent from the index alone.
    await sql`DROP INDEX tickets_parent`.execute(db)
    await sql`CREATE INDEX tickets_parent ON tickets (parent_id, archived, id)`.execute(db)
  },
}
