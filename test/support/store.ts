import { join } from 'node:path'
import pg from 'pg'
import { inject } from 'vitest'
import { openPostgresStore } from '../../src/store/postgres/open-postgres.ts'
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.ts'
import type { Store } from '../../src/store/store.ts'
import { type DialectName, TEMPLATE_DATABASE } from './dialects.ts'
import { tempDir } from './temp-dir.ts'

let admin: pg.Pool | undefined
let made = 0

/**
 * A new PostgreSQL database on the run's cluster, migrated but empty; `drop` removes it (closing any
 * connection still open to it).
 */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = inject('postgresUrl')
  if (!base) throw new Error('no PostgreSQL cluster: is postgres in TICKET_TEST_DIALECTS?')
  admin ??= new pg.Pool({ connectionString: `${base}/postgres`, max: 2 })
  const name = `tk_${process.pid}_${++made}_${Date.now().toString(36)}`
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`)
  return {
    url: `${base}/${name}`,
    drop: async () => {
      await admin!.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    },
  }
}

/** A new, migrated store of `dialect`; closing it also removes its database. */
export async function openTestStore(dialect: DialectName): Promise<Store> {
  if (dialect === 'sqlite')
    return openSqliteStore(join(tempDir('tk-db-'), 'ticket.db'), { create: true })
  const { url, drop } = await createTestDatabase()
  const store = await openPostgresStore(url)
  return {
    ...store,
    close: async () => {
      await store.close()
      await drop()
    },
  }
}
