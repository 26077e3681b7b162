import type { Kysely } from 'kysely'
import type { Migration } from './index.ts'

/**
 * Agents: per-agent settings, and the claim lease a ticket carries while an agent
 * works on it. The lease is renewed by the agent's heartbeats; when it lapses the reaper
 * returns the ticket to the queue (docs/agents.md "Leases").
 */
export const agents: Migration = {
  version: 5,
  name: 'agents',
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('agent_config')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('agent_config_pk', ['user_id', 'key'])
      .execute()
    await db.schema.alterTable('tickets').addColumn('lease_expires_at', 'text').execute()
    await db.schema
      .createIndex('tickets_lease_expires_at')
      .on('tickets')
      .column('lease_expires_at')
      .execute()
  },
}
