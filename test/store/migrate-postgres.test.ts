import { Kysely, sql } from 'kysely'
import pg from 'pg'
import { describe, expect, inject, it, onTestFinished } from 'vitest'
import { HttpService } from '../../src/client/http-service.ts'
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/migrations/index.ts'
import { TicketPostgresDialect } from '../../src/store/postgres/postgres-dialect.ts'
import { writeSchemaVersion } from '../../src/store/postgres/schema-version.ts'
import { createPostgresSearchIndex } from '../../src/store/postgres/search-index.ts'
import { createPostgresTicketCounts } from '../../src/store/postgres/ticket-counts.ts'
import { TEST_DIALECTS } from '../support/dialects.ts'
import { spawnServer } from '../support/server-process.ts'

/** A new, empty database on the run's cluster (not the migrated template). */
async function emptyDatabase(): Promise<string> {
  const base = inject('postgresUrl')
  const admin = new pg.Client({ connectionString: `${base}/postgres` })
  await admin.connect()
  const name = `tk_old_${process.pid}_${Date.now().toString(36)}`
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  onTestFinished(async () => {
    const drop = new pg.Client({ connectionString: `${base}/postgres` })
    await drop.connect()
    await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await drop.end()
  })
  return `${base}/${name}`
}

/** The database as the previous release left it: every migration but the last, and some data. */
async function previousVersion(url: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 })
  const old = new Kysely<never>({ dialect: new TicketPostgresDialect(pool) })
  const dialect = {
    createSearchIndex: createPostgresSearchIndex,
    createTicketCounts: createPostgresTicketCounts,
  }
  await old.transaction().execute(async (trx) => {
    for (const m of MIGRATIONS.slice(0, -1)) await m.up(trx, dialect)
    await writeSchemaVersion(trx, SCHEMA_VERSION - 1)
    await sql`INSERT INTO projects (prefix, title, next_seq, created_by, created_at, updated_at) VALUES ('OLD', 'Old project', 2, 'admin', '2025-01-01', '2025-01-01')`.execute(
      trx,
    )
    await sql`INSERT INTO tickets (project_id, seq, key, type, title, stage, state, priority, created_by, created_at, updated_at)
      SELECT id, 1, 'OLD-T-1', 'task', 'Old ticket', 'design', 'idle', 3, 'admin', '2025-01-01', '2025-01-01' FROM projects`.execute(
      trx,
    )
  })
  await old.destroy()
}

// quality.md "Schema upgrades", on PostgreSQL: the first server started on the new release
// migrates the database forward, keeping its data.
describe.runIf(TEST_DIALECTS.includes('postgres'))('postgres: schema upgrades', () => {
  it(`a database at schema version ${SCHEMA_VERSION - 1} migrates forward when a server starts on it`, async () => {
    const url = await emptyDatabase()
    await previousVersion(url)
    const server = await spawnServer(['-db', url])
    const ready = await fetch(`${server.url}/api/readyz`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toMatchObject({ schema_version: SCHEMA_VERSION })
    const admin = new HttpService({ url: server.url })
    // Logins are counted in the table the last migration adds.
    await admin.login('admin', server.adminPassword)
    expect(await admin.getTicket('OLD-T-1')).toMatchObject({ title: 'Old ticket' })
    expect(await admin.countTickets({ project: 'OLD' })).toBe(1)
    // The old ticket is found by search, and new keys follow on from it.
    expect((await admin.searchTickets('old', {})).map((t) => t.key)).toEqual(['OLD-T-1'])
    expect((await admin.createTicket({ project: 'OLD', title: 'New ticket' })).key).toBe('OLD-T-2')
  }, 60_000)
})
