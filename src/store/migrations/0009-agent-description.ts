import type { Kysely } from 'kysely'
import type { Migration } from './index.ts'

/**
 * A description per account (the reference's `users.description`): what an agent is for, shown
 * to admins beside its name. Empty for everyone until set.
 */
export const agentDescription: Migration = {
  version: 9,
  name: 'agent-description',
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('users')
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .execute()
  },
}
