import { rmSync } from 'node:fs'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { openPostgresStore } from '../src/store/postgres/open-postgres.ts'
import { TEST_CACHE_HOME } from './support/cache-home.ts'
import { TEMPLATE_DATABASE, TEST_DIALECTS } from './support/dialects.ts'
import { startPostgresCluster } from './support/postgres-cluster.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The throwaway cluster's superuser URL, when PostgreSQL is among the tested dialects. */
    postgresUrl: string
  }
}

/**
 * One throwaway PostgreSQL cluster for the whole run, removed afterwards, as is the run's code
 * cache directory (vitest.config.ts).
 */
export default async function setup(project: TestProject) {
  const removeCache = () => rmSync(TEST_CACHE_HOME, { recursive: true, force: true })
  if (!TEST_DIALECTS.includes('postgres')) return removeCache
  const cluster = await startPostgresCluster()
  project.provide('postgresUrl', cluster.url)
  // Every test database is a copy of one migrated once here: copying is far quicker.
  const admin = new pg.Client({ connectionString: `${cluster.url}/postgres` })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`)
  await admin.end()
  const store = await openPostgresStore(`${cluster.url}/${TEMPLATE_DATABASE}`)
  await store.close()
  return async () => {
    await cluster.stop()
    removeCache()
  }
}
