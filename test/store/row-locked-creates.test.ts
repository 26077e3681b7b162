import pg from 'pg'
import { describe, expect, it, onTestFinished } from 'vitest'
import { TicketError } from '../../src/domain/errors.ts'
import { seedDatabase } from '../../src/service/bootstrap.ts'
import { findActor, LocalService } from '../../src/service/local-service.ts'
import { openPostgresStore } from '../../src/store/postgres/open-postgres.ts'
import { TEST_DIALECTS } from '../support/dialects.ts'
import { pollUntil } from '../support/poll.ts'
import { refuseHistoryOf } from '../support/refuse-history.ts'
import { createTestDatabase } from '../support/store.ts'

/**
 * Plain creates on PostgreSQL write in one statement at READ COMMITTED and queue on the
 * project's key counter (decisions 0029, 0042): held up by another transaction on the
 * project's row, they wait and go on, instead of being rolled back and retried; what that
 * transaction did to the project (a close) is seen when they get the row; they wait for a
 * writer that runs alone; and a create refused part-way writes nothing and uses no key.
 */
describe.runIf(TEST_DIALECTS.includes('postgres'))('creates queue on the key counter', () => {
  async function setup() {
    const { url, drop } = await createTestDatabase()
    const store = await openPostgresStore(url)
    let open = true
    const closeStore = async () => {
      if (open) await store.close()
      open = false
    }
    onTestFinished(async () => {
      await closeStore()
      await drop()
    })
    await seedDatabase(store, { password: 'secret-password', now: new Date() })
    const svc = new LocalService({
      store,
      actor: await findActor(store, 'admin'),
      ownsStore: false,
    })
    await svc.createProject({ prefix: 'RL', title: 'Row locks' })
    const database = new URL(url).pathname.slice(1)
    const other = new pg.Client({ connectionString: url })
    await other.connect()
    onTestFinished(() => other.end())
    const admin = new pg.Client({ connectionString: url.replace(/\/[^/]+$/, '/postgres') })
    await admin.connect()
    onTestFinished(() => admin.end())
    const stat = async (query: string) => Number((await admin.query(query, [database])).rows[0].n)
    /** Waits until `n` of the store's connections wait for a lock. */
    const waiting = (n: number) =>
      pollUntil(
        () =>
          stat(
            `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`,
          ),
        (v) => v >= n,
        { timeout: 10_000, failure: (v) => `${v} of ${n} creates waiting for the project's row` },
      )
    /** Waits until `n` creates of this process wait behind their project's statement in flight. */
    const grouped = (n: number) =>
      pollUntil(
        () => store.groupedCreates!(),
        (c) => c.waiting >= n,
        { timeout: 10_000, failure: (c) => `${c.waiting} of ${n} creates waiting to be grouped` },
      )
    return { svc, store, other, stat, waiting, grouped, closeStore }
  }

  it('creates held up by a write to their project wait for it, are written together, and none is rolled back', async () => {
    const { svc, store, other, stat, waiting, grouped, closeStore } = await setup()
    const before = await stat(`SELECT xact_rollback AS n FROM pg_stat_database WHERE datname = $1`)
    await other.query('BEGIN')
    await other.query(`UPDATE projects SET title = 'Renamed' WHERE prefix = 'RL'`)
    // The first stops at the key counter; the nine after it wait for it in this process.
    const first = svc.createTicket({ project: 'RL', title: 'create 0' })
    await waiting(1)
    const creates = [
      first,
      ...Array.from({ length: 9 }, (_, i) =>
        svc.createTicket({ project: 'RL', title: `create ${i + 1}` }),
      ),
    ]
    await grouped(9)
    await other.query('COMMIT')
    const keys = (await Promise.all(creates)).map((t) => t.key).sort()
    expect(keys).toEqual(Array.from({ length: 10 }, (_, i) => `RL-T-${i + 1}`).sort())
    // One statement for the first, one for the nine that waited.
    expect(store.groupedCreates!()).toEqual({ waiting: 0, statements: 2, creates: 10 })
    const { rows } = await other.query(
      `SELECT t.key, h.actor FROM tickets t JOIN history h
          ON h.ticket_id = t.id AND h.event_type = 'ticket_created' ORDER BY t.seq`,
    )
    expect(rows.map((r) => r.key)).toEqual(Array.from({ length: 10 }, (_, i) => `RL-T-${i + 1}`))
    // Counted once the store's connections have gone (a backend reports when it ends).
    await closeStore()
    await pollUntil(
      () => stat(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1`),
      (n) => n === 1,
      { timeout: 10_000, failure: (n) => `${n - 1} of the store's connections still open` },
    )
    const after = await stat(`SELECT xact_rollback AS n FROM pg_stat_database WHERE datname = $1`)
    expect(after - before).toBe(0)
  })

  it('a refused create in a group fails alone, with its own error; the others get gap-free keys and their events', async () => {
    const { svc, store, other, waiting, grouped } = await setup()
    await refuseHistoryOf(other, 'refuse me')
    await other.query('BEGIN')
    await other.query(`UPDATE projects SET title = 'Renamed' WHERE prefix = 'RL'`)
    const first = svc.createTicket({ project: 'RL', title: 'first' })
    await waiting(1)
    const titles = ['a', 'b', 'refuse me 1', 'c', 'd', 'refuse me 2', 'e']
    const group = titles.map((title) =>
      svc.createTicket({ project: 'RL', title }).then(
        (t) => t.key,
        (e: unknown) => e,
      ),
    )
    await grouped(titles.length)
    await other.query('COMMIT')
    expect((await first).key).toBe('RL-T-1')
    const answers = await Promise.all(group)
    for (const [i, title] of titles.entries()) {
      const a = answers[i]
      if (title.startsWith('refuse me')) {
        expect(a, title).toBeInstanceOf(TicketError)
        expect((a as TicketError).code, title).toBe('conflict')
      } else expect(typeof a, `${title}: ${String(a)}`).toBe('string')
    }
    const keys = answers.filter((a) => typeof a === 'string').sort()
    expect(keys).toEqual(['RL-T-2', 'RL-T-3', 'RL-T-4', 'RL-T-5', 'RL-T-6'])
    const { rows } = await other.query(
      `SELECT p.next_seq, (SELECT count(*)::int FROM tickets t WHERE t.project_id = p.id) AS tickets,
              (SELECT count(*)::int FROM history h WHERE h.project_id = p.id
                  AND h.event_type = 'ticket_created') AS events
         FROM projects p WHERE prefix = 'RL'`,
    )
    expect(rows[0]).toEqual({ next_seq: 7, tickets: 6, events: 6 })
    // The group's statement was refused as a whole, then each of its creates was sent alone.
    expect(store.groupedCreates!().creates).toBe(1 + 5)
  })

  it('creates waiting with long texts go in several statements, a megabyte of text at most each', async () => {
    const { svc, store, other, waiting, grouped } = await setup()
    await other.query('BEGIN')
    await other.query(`UPDATE projects SET title = 'Renamed' WHERE prefix = 'RL'`)
    const first = svc.createTicket({ project: 'RL', title: 'first' })
    await waiting(1)
    const description = 'x'.repeat(400_000)
    // 2 + 2 long ones (800,000 characters a pair), then 2 short ones that fit beside the last pair.
    const rest = ['a', 'b', 'c', 'd', 'e', 'f'].map((title, i) =>
      svc.createTicket({ project: 'RL', title, ...(i < 4 ? { description } : {}) }),
    )
    await grouped(6)
    await other.query('COMMIT')
    const keys = [first, ...rest].map(async (t) => (await t).key)
    expect((await Promise.all(keys)).sort()).toEqual(
      Array.from({ length: 7 }, (_, i) => `RL-T-${i + 1}`).sort(),
    )
    expect(store.groupedCreates!()).toEqual({ waiting: 0, statements: 3, creates: 7 })
  })

  it('a create waiting while its project is closed is refused, and uses no key', async () => {
    const { svc, other, waiting } = await setup()
    await other.query('BEGIN')
    await other.query(`UPDATE projects SET status = 'closed' WHERE prefix = 'RL'`)
    const create = svc.createTicket({ project: 'RL', title: 'too late' }).catch((e: unknown) => e)
    await waiting(1)
    await other.query('COMMIT')
    const e = await create
    expect(e).toBeInstanceOf(TicketError)
    expect((e as TicketError).code).toBe('conflict')
    expect((e as TicketError).message).toBe('project RL is closed')
    const { rows } = await other.query(`SELECT next_seq FROM projects WHERE prefix = 'RL'`)
    expect(rows[0].next_seq).toBe(1)
  })

  it("a create waits for a writer holding the writers' lock alone, then goes on", async () => {
    const { svc, other, waiting } = await setup()
    await other.query('BEGIN')
    // What a serializable write that lost a race takes before it runs again.
    await other.query('LOCK TABLE ticket_schema IN EXCLUSIVE MODE')
    const create = svc.createTicket({ project: 'RL', title: 'after the retry' })
    await waiting(1)
    await other.query('COMMIT')
    expect((await create).key).toBe('RL-T-1')
  })

  it('a create refused part-way writes nothing and uses no key', async () => {
    const { svc, other } = await setup()
    // The history row is the create's last write; refusing it must undo the ticket and the key.
    await refuseHistoryOf(other, 'refuse me')
    const e = await svc.createTicket({ project: 'RL', title: 'refuse me' }).catch((e) => e)
    expect(e).toBeInstanceOf(Error)
    const { rows } = await other.query(
      `SELECT next_seq, (SELECT count(*)::int FROM tickets WHERE project_id = p.id) AS tickets
         FROM projects p WHERE prefix = 'RL'`,
    )
    expect(rows[0]).toEqual({ next_seq: 1, tickets: 0 })
    expect((await svc.createTicket({ project: 'RL', title: 'next' })).key).toBe('RL-T-1')
  })
})
