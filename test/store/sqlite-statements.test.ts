// The node:sqlite driver keeps each statement prepared, with its column names, for the life
// of the connection (decisions 0008 and 0039). These prove the rows stay right when the
// schema under a kept statement changes, and that a LIMIT is written into the SQL.
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { sql } from 'kysely'
import { describe, expect, it, onTestFinished } from 'vitest'
import { seedDatabase } from '../../src/service/bootstrap.ts'
import { prepared } from '../../src/store/prepared.ts'
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.ts'
import type { Db } from '../../src/store/store.ts'
import { tempDir } from '../support/temp-dir.ts'

async function open(options: { pool?: boolean } = {}) {
  const file = join(tempDir('tk-stmt-'), 'ticket.db')
  const store = await openSqliteStore(file, {
    create: true,
    ...(options.pool ? { readPool: { workers: 1, timeoutMs: 10_000 } } : {}),
  })
  onTestFinished(() => store.close())
  await store.transaction(async (db) => {
    await sql`create table probe (a integer, b integer)`.execute(db)
    await sql`insert into probe values (1, 2)`.execute(db)
  })
  // Another process on the same file, as `tk migrate` or a newer build would be.
  const other = new DatabaseSync(file)
  onTestFinished(() => other.close())
  return { store, other }
}

// biome-ignore lint/suspicious/noExplicitAny: a table outside the typed schema
const probe = (db: Db) => (db as any).selectFrom('probe').selectAll().execute()
// The same through prepared(), which SQLite runs beside Kysely's executor (decision 0044).
const preparedProbe = prepared(
  // biome-ignore lint/suspicious/noExplicitAny: a table outside the typed schema
  (db, a: number) => (db as any).selectFrom('probe').selectAll().where('a', '>=', a),
)
const probeAbove = prepared(
  // biome-ignore lint/suspicious/noExplicitAny: a table outside the typed schema
  (db, a: number) => (db as any).selectFrom('probe').select('a').where('a', '>', a).orderBy('a'),
)

describe('node:sqlite statement cache', () => {
  it('makes the same rows key by key and, after the first few, by its object literal', async () => {
    // The first rows of a statement are made key by key, later ones by a literal compiled for
    // it (decision 0049): every row has the same keys in the same order either way.
    const { store } = await open()
    await store.transaction((db) =>
      sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 40) insert into probe select i + 1, i * 2 from n`.execute(
        db,
      ),
    )
    const expected = [
      { a: 1, b: 2 },
      ...Array.from({ length: 40 }, (_, i) => ({ a: i + 2, b: (i + 1) * 2 })),
    ]
    for (let round = 0; round < 2; round++) {
      const rows = (await store.read(probe)) as Record<string, unknown>[]
      expect(rows).toEqual(expected)
      expect(rows.map((r) => Object.keys(r).join())).toEqual(expected.map(() => 'a,b'))
    }
  })

  it('names the columns of a kept statement after another process added one', async () => {
    const { store, other } = await open()
    expect(await store.read(probe)).toEqual([{ a: 1, b: 2 }])
    other.exec('alter table probe add column c integer default 3')
    expect(await store.read(probe)).toEqual([{ a: 1, b: 2, c: 3 }])
  })

  it('names them right after the table was made again with as many columns, in another order', async () => {
    const { store, other } = await open()
    expect(await store.read(probe)).toEqual([{ a: 1, b: 2 }])
    other.exec(
      'drop table probe; create table probe (b integer, a integer); insert into probe values (20, 10)',
    )
    expect(await store.read(probe)).toEqual([{ b: 20, a: 10 }])
  })

  it('names them right in a single statement outside a transaction (readOne)', async () => {
    const { store, other } = await open()
    expect(await store.readOne(probe)).toEqual([{ a: 1, b: 2 }])
    other.exec('alter table probe add column c integer default 3')
    expect(await store.readOne(probe)).toEqual([{ a: 1, b: 2, c: 3 }])
  })

  it('names them right in a read worker after another process added one (longRead)', async () => {
    const { store, other } = await open({ pool: true })
    expect(await store.longRead(probe)).toEqual([{ a: 1, b: 2 }])
    other.exec(
      'drop table probe; create table probe (b integer, a integer); insert into probe values (20, 10)',
    )
    expect(await store.longRead(probe)).toEqual([{ b: 20, a: 10 }])
  })

  it('names them right after its own write transaction changed the schema', async () => {
    const { store } = await open()
    expect(await store.read(probe)).toEqual([{ a: 1, b: 2 }])
    const inside = await store.transaction(async (db) => {
      await sql`alter table probe rename column a to z`.execute(db)
      return probe(db)
    })
    expect(inside).toEqual([{ z: 1, b: 2 }])
    expect(await store.read(probe)).toEqual([{ z: 1, b: 2 }])
  })

  it('writes a whole-number LIMIT into the SQL and binds anything else', async () => {
    const { store } = await open()
    const query = store.db.selectFrom('users').select('id').limit(3).offset(1).compile()
    expect(query.sql).toMatch(/ limit 3 offset \?$/)
    expect(query.parameters).toEqual([1])
    const expression = store.db
      .selectFrom('users')
      .select('id')
      .limit(sql<number>`${2} + 1`)
      .compile()
    expect(expression.parameters).toEqual([2])
  })

  it('answers every limit with that many rows, written in or bound through prepared()', async () => {
    const { store } = await open()
    await seedDatabase(store, { password: 'secret-password', now: new Date() })
    const total = (await store.read((db) => db.selectFrom('roles').select('id').execute())).length
    expect(total).toBeGreaterThan(2)
    const bound = prepared((db, n: number) =>
      db.selectFrom('roles').select('id').orderBy('id').limit(n),
    )
    for (let n = 1; n <= total + 1; n++) {
      const written = await store.read((db) =>
        db.selectFrom('roles').select('id').orderBy('id').limit(n).execute(),
      )
      expect(written).toHaveLength(Math.min(n, total))
      expect(await store.read((db) => bound(db, n))).toEqual(written)
    }
  })

  it('names the columns of a prepared statement after another process added one', async () => {
    const { store, other } = await open()
    expect(await store.read((db) => preparedProbe(db, 0))).toEqual([{ a: 1, b: 2 }])
    expect(await store.readOne((db) => preparedProbe(db, 0))).toEqual([{ a: 1, b: 2 }])
    other.exec('alter table probe add column c integer default 3')
    expect(await store.read((db) => preparedProbe(db, 0))).toEqual([{ a: 1, b: 2, c: 3 }])
    other.exec('alter table probe add column d integer default 4')
    expect(await store.readOne((db) => preparedProbe(db, 0))).toEqual([{ a: 1, b: 2, c: 3, d: 4 }])
  })

  it('runs a prepared read outside a transaction after the write under way, never inside it', async () => {
    const { store } = await open()
    let wrote!: () => void
    const written = new Promise<void>((resolve) => {
      wrote = resolve
    })
    let finish!: () => void
    const finished = new Promise<void>((resolve) => {
      finish = resolve
    })
    const write = store.transaction(async (db) => {
      await sql`insert into probe values (5, 6)`.execute(db)
      wrote()
      await finished
      throw new Error('rolled back on purpose')
    })
    await written
    // Asked while the write holds the connection: run at once it would read the row the
    // write is about to roll back.
    const read = store.readOne((db) => probeAbove(db, 1))
    const readInside = store.read((db) => probeAbove(db, 1))
    finish()
    await expect(write).rejects.toThrow('rolled back on purpose')
    expect(await read).toEqual([])
    expect(await readInside).toEqual([])
    expect(await store.readOne((db) => probeAbove(db, 0))).toEqual([{ a: 1 }])
  })

  it('sees its own write transaction’s rows through a prepared statement inside it', async () => {
    const { store } = await open()
    const inside = await store.transaction(async (db) => {
      await sql`insert into probe values (7, 8)`.execute(db)
      return probeAbove(db, 1)
    })
    expect(inside).toEqual([{ a: 7 }])
  })
})
