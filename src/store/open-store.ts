/** @module Opens the store a location names: a SQLite file, or a PostgreSQL URL. */
import { isPostgresUrl } from '../domain/database-location.ts'
import type { OpenOptions } from './sqlite/open-sqlite.ts'
import type { Store } from './store.ts'

/**
 * Each dialect's code (and PostgreSQL's driver) loads only when a location of its kind is
 * opened, so a command on a SQLite workspace never pays for PostgreSQL.
 */
export async function openStore(location: string, options: OpenOptions = {}): Promise<Store> {
  if (isPostgresUrl(location)) {
    const { openPostgresStore } = await import('./postgres/open-postgres.ts')
    return openPostgresStore(
      location,
      options.readPool ? { readTimeoutMs: options.readPool.timeoutMs } : {},
    )
  }
  const { openSqliteStore } = await import('./sqlite/open-sqlite.ts')
  return openSqliteStore(location, options)
}
