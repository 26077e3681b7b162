import type { Kysely } from 'kysely'
import { init } from './0001-init.ts'
import { organisation } from './0003-organisation.ts'
import { agents } from './0005-agents.ts'
import { queueAndViewIndexes } from './0006-queue-and-view-indexes.ts'
import { ticketCounts } from './0007-ticket-counts.ts'
import { rateLimits } from './0008-rate-limits.ts'
import { agentDescription } from './0009-agent-description.ts'
import { listSortIndexes } from './0010-list-sort-indexes.ts'
import { hierarchyIndexes } from './0011-hierarchy-indexes.ts'

/** What a migration may ask of the dialect: the few things SQL cannot say portably. */
export type MigrationDialect = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
  createSearchIndex(db: Kysely<any>): Promise<void>
  /** Triggers that keep `ticket_counts` in step with every change to `tickets`. */
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
  createTicketCounts(db: Kysely<any>): Promise<void>
}

export type Migration = {
  readonly version: number
  readonly name: string
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
  up(db: Kysely<any>, dialect: MigrationDialect): Promise<void>
}

/** Every migration in order; a static list so it works inside one bundle. */
export const MIGRATIONS: readonly Migration[] = [
  init,
  organisation,
  agents,
  queueAndViewIndexes,
  ticketCounts,
  rateLimits,
  agentDescription,
  listSortIndexes,
  hierarchyIndexes,
]

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version
