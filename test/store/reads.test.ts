import { describe, expect, it, onTestFinished } from 'vitest'
import { seedDatabase } from '../../src/service/bootstrap.ts'
import { openStore } from '../../src/store/open-store.ts'
import { prepared } from '../../src/store/prepared.ts'
import type { Db } from '../../src/store/store.ts'
import { TEST_DIALECTS } from '../support/dialects.ts'
import { openTestStore } from '../support/store.ts'

describe.each(TEST_DIALECTS)('store reads on %s', (dialect) => {
  async function store() {
    const s = await openTestStore(dialect)
    onTestFinished(() => s.close())
    await seedDatabase(s, { password: 'secret-password', now: new Date() })
    return s
  }

  it('answers correctly past the statement cache bound (one statement per list length)', async () => {
    const s = await store()
    const ids = (await s.read((db) => db.selectFrom('roles').select('id').execute())).map(
      (r) => r.id,
    )
    expect(ids.length).toBeGreaterThan(0)
    for (let n = 1; n <= 300; n++) {
      const list = Array.from({ length: n }, (_, i) => ids[i % ids.length]!)
      const rows = await s.read((db) =>
        db.selectFrom('roles').select('id').where('id', 'in', list).execute(),
      )
      expect(rows.length).toBe(Math.min(n, ids.length))
    }
  })

  it('re-binds a prepared query, constants kept, arguments replaced', async () => {
    const s = await store()
    const byName = prepared((db, name: string) =>
      db
        .selectFrom('users')
        .select(['username', 'role'])
        .where('display_name', '<>', 'nobody')
        .where('username', '=', name),
    )
    expect(await s.read((db) => byName(db, 'admin'))).toEqual([
      { username: 'admin', role: 'admin' },
    ])
    expect(await s.read((db) => byName(db, 'ghost'))).toEqual([])
    // Inside a write transaction too.
    expect(await s.transaction((db) => byName(db, 'admin'))).toHaveLength(1)
  })

  it('joins a read nested in a read or a write, and refuses a write inside a read', async () => {
    const s = await store()
    const nested = await s.read(() => s.read((db) => db.selectFrom('users').select('id').execute()))
    expect(nested.length).toBe(1)
    const inWrite = await s.transaction(() =>
      s.read((db) => db.selectFrom('users').select('id').execute()),
    )
    expect(inWrite.length).toBe(1)
    await expect(s.read(() => s.transaction(async () => 1))).rejects.toThrow(
      'a write transaction cannot start inside another',
    )
  })

  it('runs a one-statement read alone, or inside the write under way (seeing its changes)', async () => {
    const s = await store()
    const usernames = (db: Parameters<Parameters<typeof s.readOne>[0]>[0]) =>
      db.selectFrom('users').select('username').orderBy('username').execute()
    expect(await s.readOne(usernames)).toEqual([{ username: 'admin' }])
    const inWrite = await s.transaction(async (db) => {
      await db
        .insertInto('users')
        .values({
          id: 'u-one',
          username: 'one',
          password_hash: 'x',
          role: 'user',
          enabled: 1,
          created_at: new Date().toISOString(),
        } as never)
        .execute()
      return s.readOne(usernames)
    })
    expect(inWrite).toEqual([{ username: 'admin' }, { username: 'one' }])
  })

  it('sees one snapshot for a whole read while another connection writes', async () => {
    const s = await store()
    const other = await openStore(s.location)
    onTestFinished(() => other.close())
    const counts = await s.read(async (db) => {
      const count = async () =>
        Number(
          (
            await db
              .selectFrom('users')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirst()
          )?.n,
        )
      const before = await count()
      await other.transaction((o) =>
        o
          .insertInto('users')
          .values({
            id: 'u-snapshot',
            username: 'snap',
            password_hash: 'x',
            role: 'user',
            enabled: 1,
            created_at: new Date().toISOString(),
          } as never)
          .execute(),
      )
      return [before, await count()]
    })
    expect(counts[0]).toBe(counts[1])
    expect(
      await other.read((db) =>
        db.selectFrom('users').select('username').where('username', '=', 'snap').execute(),
      ),
    ).toHaveLength(1)
  })
  it('refuses a query kept past the end of its read', async () => {
    const s = await store()
    let kept: Db | undefined
    await s.read(async (db) => {
      kept = db
      return db.selectFrom('users').select('id').execute()
    })
    await expect(kept!.selectFrom('users').select('id').execute()).rejects.toThrow()
  })

  it('ends a failed read, so the reads and writes queued behind it run', async () => {
    const s = await store()
    const name = () =>
      s.read((db) =>
        db.selectFrom('users').select('display_name').where('username', '=', 'admin').execute(),
      )
    const failed = s.read(async (db) => {
      await db.selectFrom('users').select('id').execute()
      throw new Error('the read failed')
    })
    // Both asked while the failing read holds the connection.
    const queued = name()
    const write = s.transaction((db) =>
      db
        .updateTable('users')
        .set({ display_name: 'After' })
        .where('username', '=', 'admin')
        .execute(),
    )
    await expect(failed).rejects.toThrow('the read failed')
    expect(await queued).toHaveLength(1)
    await write
    expect(await name()).toEqual([{ display_name: 'After' }])
  })
})
