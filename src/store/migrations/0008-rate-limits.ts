import type { Kysely } from 'kysely'
import type { Migration } from './index.ts'

/**
 * Sign-in attempts per client address and minute, in the database so that every server
 * counts against one budget (api.md "Authentication": 10 a minute on register and login
 * together). Transient, like sessions: never exported.
 */
export const rateLimits: Migration = {
  version: 8,
  name: 'rate-limits',
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('rate_limits')
      .addColumn('key', 'text', (c) => c.primaryKey())
      // Milliseconds since the epoch at which the current window opened.
      .addColumn('window_start', 'bigint', (c) => c.notNull())
      .addColumn('hits', 'integer', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('rate_limits_window_start')
      .on('rate_limits')
      .column('window_start')
      .execute()
  },
}
