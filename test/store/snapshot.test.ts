import { sql } from 'kysely'
import { describe, expect, it, onTestFinished } from 'vitest'
import { seedDatabase } from '../../src/service/bootstrap.ts'
import type { Store } from '../../src/store/store.ts'
import { type DialectName, TEST_DIALECTS } from '../support/dialects.ts'
import { openTestStore } from '../support/store.ts'

// A table a later migration might add, keyed by name (without a rowid on SQLite) and pointing
// at projects; its foreign key spelt as the migrations' builder spells it on each dialect.
const addLaterTable = (store: Store, dialect: DialectName) =>
  dialect === 'postgres'
    ? sql`CREATE TABLE later_things (name TEXT PRIMARY KEY, project_id INTEGER NOT NULL
      REFERENCES projects(id) ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE)`.execute(store.db)
    : sql`CREATE TABLE later_things (name TEXT PRIMARY KEY, project_id INTEGER NOT NULL
      REFERENCES projects(id) ON DELETE CASCADE) WITHOUT ROWID`.execute(store.db)

describe.each(TEST_DIALECTS)('dump and restore on %s', (dialect) => {
  const open = async () => {
    const store = await openTestStore(dialect)
    onTestFinished(() => store.close())
    return store
  }

  it('includes tables it was never told about, and leaves out the search index', async () => {
    const store = await open()
    await addLaterTable(store, dialect)
    await store.db
      .insertInto('projects')
      .values({
        prefix: 'CUS',
        title: 'Customer Portal',
        description: '',
        acceptance_criteria: '',
        git_repository: '',
        git_branch: '',
        notes: '',
        status: 'open',
        visibility: 'public',
        workflow_id: null,
        next_seq: 1,
        created_by: 'admin',
        created_at: 'now',
        updated_at: 'now',
      })
      .execute()
    await sql`INSERT INTO later_things VALUES ('b', 1), ('a', 1)`.execute(store.db)
    const dump = await store.dumpTables()
    expect(dump.tables.later_things).toEqual({
      columns: ['name', 'project_id'],
      rows: [
        ['a', 1],
        ['b', 1],
      ],
    })
    expect(Object.keys(dump.tables).filter((t) => t.startsWith('tickets_'))).toEqual([])

    const target = await open()
    await addLaterTable(target, dialect)
    await target.replaceTables(dump)
    expect(await target.dumpTables()).toEqual(dump)
  })

  it('rolls back everything when one row is refused', async () => {
    const store = await open()
    await seedDatabase(store, { password: 'pw', now: new Date('2026-01-01T00:00:00Z') })
    await addLaterTable(store, dialect)
    const before = await store.dumpTables()
    expect(before.tables.users?.rows).toHaveLength(1)
    const bad = {
      ...before,
      tables: {
        ...before.tables,
        later_things: { columns: ['name', 'project_id'], rows: [['x', 42]] },
      },
    }
    await expect(store.replaceTables(bad)).rejects.toThrow(
      /later_things refers to a missing projects row/,
    )
    expect(await store.dumpTables()).toEqual(before)
  })
})

describe('restore on sqlite', () => {
  // Indexes and triggers are set aside while rows load, then made again from their SQL.
  const schema = async (store: Store) =>
    (
      await sql<{ type: string; name: string; sql: string }>`SELECT type, name, sql
        FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name`.execute(store.db)
    ).rows

  it('keeps every index and trigger, after an import and after a refused one', async () => {
    const store = await openTestStore('sqlite')
    onTestFinished(() => store.close())
    await seedDatabase(store, { password: 'pw', now: new Date('2026-01-01T00:00:00Z') })
    const before = await schema(store)
    expect(before.filter((o) => o.type === 'index').length).toBeGreaterThan(10)
    const dump = await store.dumpTables()
    await store.replaceTables(dump)
    expect(await schema(store)).toEqual(before)
    const bad = {
      ...dump,
      tables: { ...dump.tables, tickets: { columns: ['id', 'project_id'], rows: [[1, 42]] } },
    }
    await expect(store.replaceTables(bad)).rejects.toThrow()
    expect(await schema(store)).toEqual(before)
    expect(await store.integrityCheck()).toEqual(['ok'])
  })
})
