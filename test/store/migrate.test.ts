import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { Kysely, sql } from 'kysely'
import { expect, it } from 'vitest'
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/migrations/index.ts'
import { NodeSqliteDialect } from '../../src/store/sqlite/node-sqlite-driver.ts'
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.ts'
import { createSqliteSearchIndex } from '../../src/store/sqlite/search-index.ts'
import { tempDir } from '../support/temp-dir.ts'

// quality.md "Schema upgrades": an older database opens and migrates forward, after a backup.
it('migrates a version-1 database forward, keeping its data and a backup copy', async () => {
  expect(SCHEMA_VERSION).toBeGreaterThan(1)
  const path = join(tempDir(), 'ticket.db')
  const raw = new DatabaseSync(path)
  const old = new Kysely<never>({ dialect: new NodeSqliteDialect(raw) })
  await MIGRATIONS[0]!.up(old, { createSearchIndex: createSqliteSearchIndex })
  await sql`PRAGMA user_version = 1`.execute(old)
  await sql`INSERT INTO projects (prefix, title, created_by, created_at, updated_at) VALUES ('OLD', 'Old project', 'admin', '2025-01-01', '2025-01-01')`.execute(
    old,
  )
  await old.destroy()

  const store = await openSqliteStore(path)
  expect(await store.schemaVersion()).toBe(SCHEMA_VERSION)
  expect(existsSync(`${path}.v1.bak`)).toBe(true)
  const p = await store.read((db) =>
    db.selectFrom('projects').select('title').where('prefix', '=', 'OLD').executeTakeFirst(),
  )
  expect(p?.title).toBe('Old project')
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
