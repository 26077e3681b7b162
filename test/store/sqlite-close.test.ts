import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { describe, expect, it } from 'vitest'
import { seedDatabase } from '../../src/service/bootstrap.ts'
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.ts'
import { tempDir } from '../support/temp-dir.ts'

describe('closing a SQLite store', () => {
  it('lets go of the file even when only reads ran (tk import then replaces it whole)', async () => {
    const path = join(tempDir('tk-db-'), 'ticket.db')
    const writer = await openSqliteStore(path, { create: true })
    await seedDatabase(writer, { password: 'admin-password-1', now: new Date() })
    await writer.close()

    const reader = await openSqliteStore(path)
    await reader.read((db) => db.selectFrom('users').select('username').execute())
    await reader.close()

    // The last connection gone, SQLite folds the WAL in and removes it; and only a file's one
    // connection may leave WAL mode.
    expect(existsSync(`${path}-wal`)).toBe(false)
    const alone = new DatabaseSync(path, { timeout: 0 })
    try {
      expect(alone.prepare('PRAGMA journal_mode = DELETE').get()).toEqual({
        journal_mode: 'delete',
      })
    } finally {
      alone.close()
    }
  })
})
