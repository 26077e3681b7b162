// The build compiles the named prepared statements' SQLite text once (scripts/prepared-sql.ts,
// decision 0049), so that `tk get`, `tk add` and `tk complete` run them without building them.
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import { preparedSql } from '../../scripts/prepared-sql.ts'
import { seedDatabase } from '../../src/service/bootstrap.ts'
import { findActor, LocalService } from '../../src/service/local-service.ts'
import { type PrecompiledSql, usePrecompiledSql } from '../../src/store/prepared.ts'
import { TicketSqliteQueryCompiler } from '../../src/store/sqlite/query-compiler.ts'
import { TEST_DIALECTS } from '../support/dialects.ts'
import { openTestStore } from '../support/store.ts'

afterEach(() => usePrecompiledSql(undefined))

async function world(dialect: 'sqlite' | 'postgres' = 'sqlite') {
  const store = await openTestStore(dialect)
  onTestFinished(() => store.close())
  await seedDatabase(store, { password: 'secret-password', now: new Date() })
  const actor = await findActor(store, 'admin')
  const svc = new LocalService({ store, actor, ownsStore: false })
  return { store, svc }
}

/** What a command shows of a plain create, a read and a completion, without the clock. */
async function hotPaths(svc: LocalService) {
  const created = await svc.createTicket({ project: 'TK', title: 'first', type: 'task' })
  const read = await svc.getTicketWithRecords(created.key)
  const done = await svc.setState(created.key, 'success')
  const strip = (x: object) => JSON.parse(JSON.stringify(x, (k, v) => (/_at$/.test(k) ? 0 : v)))
  return { created: strip(created), read: strip(read), done: strip(done) }
}

describe('statements compiled by the build', () => {
  it('names the hot statements, each with its text, arity and bound positions', async () => {
    const sqlByName = await preparedSql()
    for (const name of ['actorRow', 'ticketByKey', 'extrasOfLeaf', 'insertHistory'])
      expect(sqlByName[name]?.sql).toMatch(/^(select|insert) /)
    const inserts = Object.keys(sqlByName).filter((n) => n.startsWith('ticketInsert('))
    expect(inserts).toHaveLength(1)
    for (const { arity, slots, parameters } of Object.values(sqlByName)) {
      expect(slots).toHaveLength(parameters.length)
      // Every argument is bound somewhere, and nowhere past the arity.
      expect(new Set(slots.filter((s) => s >= 0))).toEqual(
        new Set(Array.from({ length: arity }, (_, i) => i)),
      )
    }
  })

  it('gives the same answers as statements compiled at run time', async () => {
    const compiledHere = await hotPaths((await world()).svc)
    usePrecompiledSql(await preparedSql())
    expect(await hotPaths((await world()).svc)).toEqual(compiledHere)
  })

  it('leaves a create, a read and a completion no named statement to compile', async () => {
    const sqlByName = await preparedSql()
    const { svc } = await world()
    usePrecompiledSql(sqlByName)
    const compile = vi.spyOn(TicketSqliteQueryCompiler.prototype, 'compileQuery')
    onTestFinished(() => compile.mockRestore())
    await hotPaths(svc)
    const built = new Set(compile.mock.results.map((r) => (r.value as { sql: string }).sql))
    const named = Object.entries(sqlByName).filter(([, { sql }]) => built.has(sql))
    expect(named.map(([name]) => name)).toEqual([])
  })

  it('runs the text the build gave on SQLite', async () => {
    const sqlByName = await preparedSql()
    const { store } = await world()
    // A text that finds nobody shows which text ran.
    const actorRow = sqlByName.actorRow!
    usePrecompiledSql({ ...sqlByName, actorRow: { ...actorRow, sql: `${actorRow.sql} AND 0` } })
    await expect(findActor(store, 'admin')).rejects.toThrow('user "admin" does not exist')
    usePrecompiledSql(sqlByName)
    expect((await findActor(store, 'admin')).username).toBe('admin')
  })

  it('compiles at run time what the build did not name or gave another arity', async () => {
    const sqlByName = await preparedSql()
    const { store, svc } = await world()
    const actorRow = sqlByName.actorRow!
    const wrong: PrecompiledSql = {
      actorRow: { ...actorRow, sql: `${actorRow.sql} AND 0`, arity: 2 },
    }
    usePrecompiledSql(wrong)
    expect((await findActor(store, 'admin')).username).toBe('admin')
    usePrecompiledSql({})
    expect((await svc.createTicket({ project: 'TK', title: 'x', type: 'task' })).title).toBe('x')
  })

  it.runIf(TEST_DIALECTS.includes('postgres'))(
    'is not used on PostgreSQL, whose statements are compiled for it',
    async () => {
      const sqlByName = await preparedSql()
      const { store } = await world('postgres')
      const actorRow = sqlByName.actorRow!
      usePrecompiledSql({ ...sqlByName, actorRow: { ...actorRow, sql: `${actorRow.sql} AND 0` } })
      expect((await findActor(store, 'admin')).username).toBe('admin')
    },
  )
})
