// The named prepared statements' SQLite text (src/store/prepared.ts), compiled once for the
// scripts' build so that a command runs them without building them (decision 0049).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { seedDatabase } from '../src/service/bootstrap.ts'
// Loading the service loads every module that names a statement.
import { findActor, LocalService } from '../src/service/local-service.ts'
import { compileNamedStatements, type PrecompiledSql } from '../src/store/prepared.ts'
import { openSqliteStore } from '../src/store/sqlite/open-sqlite.ts'

export async function preparedSql(): Promise<PrecompiledSql> {
  const dir = mkdtempSync(join(tmpdir(), 'tk-prepared-'))
  try {
    const store = await openSqliteStore(join(dir, 'ticket.db'), { create: true })
    try {
      // A ticket made as `tk add "title"` makes it: the insert is named by its columns.
      await seedDatabase(store, { password: 'build', now: new Date() })
      const actor = await findActor(store, 'admin')
      await new LocalService({ store, actor, ownsStore: false }).createTicket({
        project: 'TK',
        title: 'build',
        type: 'task',
      })
      return compileNamedStatements(store.db)
    } finally {
      await store.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
