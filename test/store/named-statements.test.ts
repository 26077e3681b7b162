import { sql } from 'kysely'
import pg from 'pg'
import { describe, expect, it, onTestFinished } from 'vitest'
import { NAMED_PER_CONNECTION } from '../../src/store/postgres/named-statements.ts'
import { openPostgresStore } from '../../src/store/postgres/open-postgres.ts'
import { TEST_DIALECTS } from '../support/dialects.ts'
import { createTestDatabase } from '../support/store.ts'

/**
 * On PostgreSQL each connection prepares a parameterised statement once and reuses it, so the
 * server does not parse and plan it on every call; the number kept per connection is bounded,
 * and a statement whose table changed under it (another server's migration) is prepared anew.
 */
describe.runIf(TEST_DIALECTS.includes('postgres'))(
  'statements prepared once per connection',
  () => {
    async function setup() {
      const { url, drop } = await createTestDatabase()
      // One connection, so every statement below meets the ones before it.
      const store = await openPostgresStore(url, { poolSize: 1 })
      onTestFinished(async () => {
        await store.close()
        await drop()
      })
      const prepared = async (like: string) =>
        (
          await sql<{ statement: string; calls: number }>`
          SELECT statement, generic_plans + custom_plans AS calls FROM pg_prepared_statements
           WHERE statement LIKE ${like}`.execute(store.db)
        ).rows
      return { url, store, prepared }
    }

    it('prepares a repeated read once and runs it from then on', async () => {
      const { store, prepared } = await setup()
      for (let i = 0; i < 7; i++) {
        const { rows } = await store.read((db) =>
          sql<{ n: number }>`SELECT ${i}::int + 1 AS n /* repeated */`.execute(db),
        )
        expect(rows[0]?.n).toBe(i + 1)
      }
      const found = await prepared('%/* repeated */%')
      expect(found).toHaveLength(1)
      expect(Number(found[0]?.calls)).toBe(7)
    })

    it('keeps a bounded number per connection and still answers the rest', async () => {
      const { store, prepared } = await setup()
      const texts = NAMED_PER_CONNECTION + 50
      for (let i = 0; i < texts; i++) {
        const { rows } = await sql<{
          n: number
        }>`SELECT ${i}::int AS n /* varied */ ${sql.raw(`/* ${i} */`)}`.execute(store.db)
        expect(rows[0]?.n).toBe(i)
      }
      const found = await prepared('%/* varied */%')
      expect(found.length).toBeGreaterThan(0)
      expect(found.length).toBeLessThanOrEqual(NAMED_PER_CONNECTION)
    })

    it('prepares a statement again once a migration elsewhere changed its table', async () => {
      const { url, store } = await setup()
      await sql`CREATE TABLE shifting (id integer primary key)`.execute(store.db)
      await sql`INSERT INTO shifting VALUES (1)`.execute(store.db)
      const select = () =>
        sql<Record<string, unknown>>`SELECT * FROM shifting WHERE id = ${1}`.execute(store.db)
      expect((await select()).rows).toEqual([{ id: 1 }])
      const other = new pg.Client({ connectionString: url })
      await other.connect()
      onTestFinished(() => other.end())
      await other.query('ALTER TABLE shifting ADD COLUMN note text')
      // The statement prepared before the change cannot answer with the new columns …
      await expect(select()).rejects.toMatchObject({ code: '0A000' })
      // … and the next call prepares it afresh.
      expect((await select()).rows).toEqual([{ id: 1, note: null }])
    })
  },
)
