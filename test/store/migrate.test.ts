import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { Kysely, sql } from 'kysely'
import { expect, it } from 'vitest'
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/migrations/index.ts'
import { NodeSqliteDialect } from '../../src/store/sqlite/node-sqlite-driver.ts'
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.ts'
import { createSqliteSearchIndex } from '../../src/store/sqlite/search-index.ts'
import { createSqliteTicketCounts } from '../../src/store/sqlite/ticket-counts.ts'
import { tempDir } from '../support/temp-dir.ts'
import { runTk } from '../support/workspace.ts'

/** A database as the first release of tk left it: schema version 1, an admin and a project. */
async function versionOneDatabase(path: string): Promise<void> {
  const raw = new DatabaseSync(path)
  const old = new Kysely<never>({ dialect: new NodeSqliteDialect(raw) })
  await MIGRATIONS[0]!.up(old, {
    createSearchIndex: createSqliteSearchIndex,
    createTicketCounts: createSqliteTicketCounts,
  })
  await sql`PRAGMA user_version = 1`.execute(old)
  await sql`INSERT INTO users (id, username, role, password_hash) VALUES ('u-admin', 'admin', 'admin', 'x')`.execute(
    old,
  )
  await sql`INSERT INTO projects (prefix, title, created_by, created_at, updated_at) VALUES ('OLD', 'Old project', 'admin', '2025-01-01', '2025-01-01')`.execute(
    old,
  )
  await sql`INSERT INTO tickets (project_id, seq, key, type, title, stage, state, priority, created_by, created_at, updated_at)
    SELECT id, 1, 'OLD-T-1', 'task', 'Old ticket', 'design', 'idle', 3, 'admin', '2025-01-01', '2025-01-01' FROM projects`.execute(
    old,
  )
  await old.destroy()
}

// quality.md "Schema upgrades": an older database opens and migrates forward, after a backup.
it('migrates a version-1 database forward, keeping its data and a backup copy', async () => {
  expect(SCHEMA_VERSION).toBeGreaterThan(1)
  const path = join(tempDir(), 'ticket.db')
  await versionOneDatabase(path)

  const store = await openSqliteStore(path)
  expect(await store.schemaVersion()).toBe(SCHEMA_VERSION)
  expect(existsSync(`${path}.v1.bak`)).toBe(true)
  const p = await store.read((db) =>
    db.selectFrom('projects').select('title').where('prefix', '=', 'OLD').executeTakeFirst(),
  )
  expect(p?.title).toBe('Old project')
  // Migration 7 counts the tickets already there.
  const counts = await store.read((db) =>
    db
      .selectFrom('ticket_counts')
      .select(['type', 'stage', 'state', 'open', 'archived', 'n'])
      .execute(),
  )
  expect(counts).toEqual([
    { type: 'task', stage: 'design', state: 'idle', open: 1, archived: 0, n: 1 },
  ])
  expect(await store.integrityCheck()).toEqual(['ok'])
  await store.close()
})

it('refuses a database from a newer version with a clear message', async () => {
  const path = join(tempDir(), 'ticket.db')
  const raw = new DatabaseSync(path)
  raw.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`)
  raw.close()
  await expect(openSqliteStore(path)).rejects.toThrow(/schema version .* this tk knows up to/)
})

// Every process that opens an old file first tries to migrate it; all but one must find the
// work done once they get the write lock, and go on.
it('parallel first opens of a version-1 database all succeed, and it migrates once', async () => {
  const home = join(tempDir(), '.ticket')
  mkdirSync(home)
  const path = join(home, 'ticket.db')
  await versionOneDatabase(path)
  const runs = await Promise.all(
    Array.from({ length: 8 }, () =>
      runTk(['project', 'list'], { cwd: tempDir('tk-cwd-'), env: { TICKET_HOME: home } }),
    ),
  )
  for (const r of runs) {
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('OLD')
  }
  const store = await openSqliteStore(path)
  expect(await store.schemaVersion()).toBe(SCHEMA_VERSION)
  expect(await store.integrityCheck()).toEqual(['ok'])
  await store.close()
  // The backup is the old file, whoever made it.
  const backup = new DatabaseSync(`${path}.v1.bak`, { readOnly: true })
  expect(backup.prepare('PRAGMA user_version').get()).toEqual({ user_version: 1 })
  backup.close()
  expect(readdirSync(home).filter((f) => f.endsWith('.tmp'))).toEqual([])
})
