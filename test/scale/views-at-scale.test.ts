import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { StatementSync } from 'node:sqlite'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedWorkspace } from '../../bench/seed.ts'
import { findActor, LocalService } from '../../src/service/local-service.ts'
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.ts'

// Past SQLite's 32,766 bound variables per statement, so a query binding one per ticket fails
// here as it would in a user's workspace; seeded in one transaction, a few seconds.
const TICKETS = 40_000
// Far below one per ticket, far above what a query naming its own few values binds.
const MAX_BOUND = 100

let widest = { count: 0, sql: '' }
const originals = new Map<string, (...args: unknown[]) => unknown>()

/** Records the most parameters any statement is run with, in node:sqlite itself. */
function watchBoundParameters() {
  for (const name of ['all', 'get', 'run', 'iterate'] as const) {
    const original = StatementSync.prototype[name] as (...args: unknown[]) => unknown
    originals.set(name, original)
    StatementSync.prototype[name] = function (this: StatementSync, ...args: unknown[]) {
      if (args.length > widest.count) widest = { count: args.length, sql: this.sourceSQL }
      return original.apply(this, args)
    } as never
  }
}

let dir: string
let svc: LocalService
let store: Awaited<ReturnType<typeof openSqliteStore>>

beforeAll(async () => {
  // Shared by every test here (seeded once), so made and removed around them all.
  dir = mkdtempSync(join(tmpdir(), 'tk-scale-'))
  const home = join(dir, '.ticket')
  await seedWorkspace(home, TICKETS)
  store = await openSqliteStore(join(home, 'ticket.db'))
  svc = new LocalService({ store, actor: await findActor(store, 'admin'), ownsStore: false })
  watchBoundParameters()
}, 120_000)

afterAll(async () => {
  for (const [name, fn] of originals) (StatementSync.prototype as never)[name] = fn as never
  await store?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe(`views over ${TICKETS} open tickets in one project`, () => {
  it('answers board, summary, count, list, next, claim and search binding a few values each', async () => {
    widest = { count: 0, sql: '' }
    const board = await svc.board({ project: 'TK' })
    expect(board.lanes.reduce((n, l) => n + l.total, 0)).toBe(TICKETS)
    expect(board.lanes.every((l) => l.tickets.length <= 50)).toBe(true)
    const summary = await svc.summary('TK')
    expect(summary.open_tickets).toBe(TICKETS)
    expect(summary.type_counts.task).toBe(TICKETS)
    expect(summary.next.length).toBeGreaterThan(0)
    const counts = await svc.count({ project: 'TK' })
    expect(counts.types[0]?.total).toBe(TICKETS)
    expect(await svc.listTickets({ project: 'TK', limit: 0 })).toHaveLength(TICKETS)
    expect(await svc.next({ project: 'TK', limit: 10 })).toHaveLength(10)
    expect((await svc.claim({ project: 'TK', dry_run: true })).status).toBe('AVAILABLE')
    expect((await svc.searchTickets('password', { limit: 0 })).length).toBeGreaterThan(5000)
    expect(widest.count, widest.sql).toBeLessThanOrEqual(MAX_BOUND)
  })

  it('pages one lane of the board past its first page', async () => {
    const first = await svc.board({ project: 'TK', stage: 'develop', limit: 3 })
    expect(first.lanes.map((l) => l.stage)).toEqual(['develop'])
    const next = await svc.board({ project: 'TK', stage: 'develop', limit: 3, offset: 3 })
    const keys = [...first.lanes[0]!.tickets, ...next.lanes[0]!.tickets].map((t) => t.key)
    const whole = await svc.board({ project: 'TK', stage: 'develop', limit: 6 })
    expect(keys).toEqual(whole.lanes[0]!.tickets.map((t) => t.key))
    expect(next.lanes[0]!.total).toBe(first.lanes[0]!.total)
  })
})

describe(`search over ${TICKETS} tickets`, () => {
  it('finds a filtered match ranked below the first 5,000 and returns every match with -n 0', async () => {
    const matches = (
      await sql<{ n: number }>`SELECT count(*) AS n FROM tickets_fts
        WHERE tickets_fts MATCH '"password"*'`.execute(store.db)
    ).rows[0]!.n
    expect(Number(matches)).toBeGreaterThan(5000)
    // The weakest match: the word only in its acceptance criteria, and the newest such ticket.
    const weakest = await store.db
      .selectFrom('tickets')
      .select('key')
      .where('acceptance_criteria', 'like', 'password%')
      .where('title', 'not like', '%password%')
      .where('description', 'not like', '%password%')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    const all = await svc.searchTickets('password', { limit: 0 })
    expect(all).toHaveLength(Number(matches))
    expect(all.findIndex((t) => t.key === weakest.key)).toBeGreaterThan(5000)
    await svc.claim({ ticket: weakest.key })
    const active = await svc.searchTickets('password', { state: 'active' })
    expect(active.map((t) => t.key)).toEqual([weakest.key])
    await svc.unclaim(weakest.key)
  })
})
