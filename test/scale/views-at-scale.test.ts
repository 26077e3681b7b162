import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync, StatementSync } from 'node:sqlite'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedWorkspace } from '../../bench/seed.ts'
import { TICKET_SORTS } from '../../src/domain/ticket-sort.ts'
import { findActor, LocalService } from '../../src/service/local-service.ts'
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.ts'

// Past SQLite's 32,766 bound variables per statement, so a query binding one per ticket fails
// here as it would in a user's workspace; seeded in one transaction, a few seconds.
const TICKETS = 40_000
// Far below one per ticket, far above what a query naming its own few values binds.
const MAX_BOUND = 100

let widest = { count: 0, sql: '' }
/** Every statement run while set, with its values, to ask SQLite how it ran them. */
let recorded: { sql: string; args: unknown[] }[] | undefined
const originals = new Map<string, (...args: unknown[]) => unknown>()

/** Records the most parameters any statement is run with, in node:sqlite itself. */
function watchBoundParameters() {
  for (const name of ['all', 'get', 'run', 'iterate'] as const) {
    const original = StatementSync.prototype[name] as (...args: unknown[]) => unknown
    originals.set(name, original)
    StatementSync.prototype[name] = function (this: StatementSync, ...args: unknown[]) {
      if (args.length > widest.count) widest = { count: args.length, sql: this.sourceSQL }
      recorded?.push({ sql: this.sourceSQL, args })
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

/** SQLite's plan of each statement `run` made that `which` matches (those that read in order). */
async function plansOf(run: () => Promise<unknown>, which = /order by/i) {
  recorded = []
  await run()
  const seen = recorded
  recorded = undefined
  const db = new DatabaseSync(join(dir, '.ticket', 'ticket.db'), { readOnly: true })
  try {
    return seen
      .filter((s) => which.test(s.sql))
      .map((s) =>
        db
          .prepare(`EXPLAIN QUERY PLAN ${s.sql}`)
          .all(...(s.args as never[]))
          .map((r) => String(r.detail))
          .join('\n'),
      )
  } finally {
    db.close()
  }
}

describe(`sorted pages and the graph over ${TICKETS} tickets`, () => {
  it('reads a deep keyset page in every order through its index, with no sort step', async () => {
    for (const sort of TICKET_SORTS)
      for (const order of ['asc', 'desc'] as const) {
        const deep = (
          await svc.listTickets({ project: 'TK', sort, order, limit: 1, offset: 30_000 })
        )[0]!
        widest = { count: 0, sql: '' }
        const [plan] = await plansOf(() =>
          svc.listTickets({ project: 'TK', sort, order, limit: 200, after: deep.key }),
        )
        expect(plan, `${sort} ${order}`).toMatch(/tickets_(sort_|list)/)
        expect(plan, `${sort} ${order}`).not.toMatch(/TEMP B-TREE/)
        expect(widest.count, widest.sql).toBeLessThanOrEqual(MAX_BOUND)
      }
  })

  it("reads the graph's first piece through the key order and counts children by parent", async () => {
    widest = { count: 0, sql: '' }
    const plans = await plansOf(() => svc.ticketGraph({ project: 'TK' }))
    expect(plans[0]).toMatch(/tickets_sort_key/)
    // The page in key order, then its children counted by parent (the page a subquery); the
    // page's labels and dependencies are read after, for its 300 tickets only.
    expect(plans[0]).not.toMatch(/TEMP B-TREE/)
    expect(plans[1]).toMatch(/tickets USING INDEX tickets_parent/)
    expect(plans[1]).not.toMatch(/SCAN tickets/)
    expect(widest.count, widest.sql).toBeLessThanOrEqual(MAX_BOUND)
    const piece = await svc.ticketGraph({ project: 'TK' })
    expect(piece.tickets).toHaveLength(300)
    expect(piece.total).toBe(TICKETS)
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

describe(`the hierarchy over ${TICKETS} tickets, a page at a time`, () => {
  // Last in the file: attaching children changes the tickets the tests above read.
  const CHILDREN = 30
  /** The statements that read the hierarchy's tickets or count them (not labels, not access). */
  const TREE_READS = /order by "t"."id"|count\(\*\) as "n" from "tickets"/i

  it('reads top-level pages, their child counts and the total through the indexes', async () => {
    for (let seq = 2; seq <= CHILDREN + 1; seq++) await svc.setParent(`TK-T-${seq}`, 'TK-T-1')
    widest = { count: 0, sql: '' }
    const plans = await plansOf(() => svc.treePage({ project: 'TK' }), TREE_READS)
    // The page in id order from the index of top-level tickets, then children per parent.
    expect(plans[0]).toMatch(/t USING INDEX tickets_roots/)
    expect(plans[0]).not.toMatch(/TEMP B-TREE/)
    expect(plans[1]).toMatch(/tickets USING COVERING INDEX tickets_parent/)
    expect(plans[1]).not.toMatch(/SCAN tickets/)
    const first = await svc.treePage({ project: 'TK' })
    expect(first.tickets).toHaveLength(200)
    expect(first.total).toBe(TICKETS - CHILDREN)
    expect(first.children).toEqual({ 'TK-T-1': CHILDREN })

    // A deep page costs what the first does: a seek in the same index; the total from it alone.
    const deep = await plansOf(
      () => svc.treePage({ project: 'TK', after: 'TK-T-39000' }),
      TREE_READS,
    )
    expect(deep[0]).toMatch(/t USING INDEX tickets_roots \(.*id>\?\)/)
    expect(deep[0]).not.toMatch(/TEMP B-TREE/)
    expect(deep.at(-1)).toMatch(/t USING COVERING INDEX tickets_roots/)
    const last = await svc.treePage({ project: 'TK', after: 'TK-T-39900' })
    expect(last.tickets.map((t) => t.key).at(-1)).toBe(`TK-T-${TICKETS}`)
    expect(last.total).toBe(TICKETS - CHILDREN)
    expect(widest.count, widest.sql).toBeLessThanOrEqual(MAX_BOUND)
  })

  it("reads one ticket's children in id order through the parent index", async () => {
    widest = { count: 0, sql: '' }
    const plans = await plansOf(
      () => svc.treePage({ project: 'TK', parent: 'TK-T-1', limit: 10, after: 'TK-T-5' }),
      TREE_READS,
    )
    expect(plans[0]).toMatch(/t USING INDEX tickets_parent/)
    expect(plans[0]).not.toMatch(/TEMP B-TREE/)
    expect(plans.at(-1)).toMatch(/t USING COVERING INDEX tickets_parent/)
    const page = await svc.treePage({ project: 'TK', parent: 'TK-T-1', limit: 10, after: 'TK-T-5' })
    expect(page.tickets.map((t) => t.key)).toEqual(
      Array.from({ length: 10 }, (_, i) => `TK-T-${i + 6}`),
    )
    expect(page.total).toBe(CHILDREN)
    expect(widest.count, widest.sql).toBeLessThanOrEqual(MAX_BOUND)
  })

  it("draws one ticket's whole tree from its subtree alone, not the project's tickets", async () => {
    const [plan] = await plansOf(() => svc.tree({ ticket: 'TK-T-1' }), /subtree/)
    expect(plan).toMatch(/SEARCH c USING COVERING INDEX tickets_parent/)
    expect(plan).not.toMatch(/SCAN t\b/)
    const [root] = await svc.tree({ ticket: 'TK-T-1' })
    expect(root?.children.map((c) => c.ticket.key)).toEqual(
      Array.from({ length: CHILDREN }, (_, i) => `TK-T-${i + 2}`),
    )
  })
})
