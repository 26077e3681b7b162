import pg from 'pg'
import { describe, expect, it, onTestFinished } from 'vitest'
import { TEST_DIALECTS } from '../support/dialects.ts'
import { pollUntil } from '../support/poll.ts'
import { refuseHistoryOf } from '../support/refuse-history.ts'
import { spawnServer } from '../support/server-process.ts'
import { createTestDatabase } from '../support/store.ts'

/**
 * Plain creates of one project that reach a server while its statement for that project is in
 * flight are written together by its next statement (decision 0046). Each still gets its own
 * answer and history event, keys stay gap-free across servers, and a create the database
 * refuses fails alone.
 */
describe.runIf(TEST_DIALECTS.includes('postgres'))('creates written together', () => {
  it('2 servers, creates held up behind a lock: written in groups, gap-free keys, each with its event; refused ones fail alone with 409', async () => {
    const database = await createTestDatabase()
    onTestFinished(() => database.drop())
    const first = await spawnServer(['-db', database.url])
    const second = await spawnServer([], { TICKET_DATABASE_URL: database.url })
    const bases = [first.url, second.url]
    const token = await signIn(first.url, first.adminPassword)
    const call = (base: string, method: string, path: string, body?: unknown) =>
      fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    expect(
      (await call(bases[0]!, 'POST', '/api/projects', { prefix: 'GC', title: 'G' })).status,
    ).toBe(201)

    const db = new pg.Client({ connectionString: database.url })
    await db.connect()
    onTestFinished(() => db.end())
    await refuseHistoryOf(db, 'refuse me')

    const create = async (base: string, title: string) => {
      const res = await call(base, 'POST', '/api/tickets', { project: 'GC', title })
      return {
        title,
        status: res.status,
        body: (await res.json()) as { key?: string; error?: string },
      }
    }
    const metric = async (base: string, name: string) => {
      const text = await (await call(base, 'GET', '/metrics')).text()
      return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN)
    }

    // A live client on each server: every create's event reaches both, whichever server made it.
    const heard = bases.map(() => [] as { type: string; key?: string }[])
    for (const [i, base] of bases.entries()) {
      const ws = new WebSocket(`${base.replace('http', 'ws')}/api/ws?token=${token}`)
      ws.addEventListener('message', (e) => heard[i]!.push(JSON.parse(String(e.data))))
      onTestFinished(() => ws.close())
      await pollUntil(
        () => heard[i]!.some((m) => m.type === 'connected'),
        (ok) => ok,
        { timeout: 20_000, failure: () => `no connected message from ${base}` },
      )
    }

    // Hold the project's row: each server's first create stops at the key counter.
    await db.query('BEGIN')
    await db.query(`UPDATE projects SET title = 'Held' WHERE prefix = 'GC'`)
    const firsts = bases.map((base) => create(base, 'first'))
    const admin = new pg.Client({ connectionString: database.url })
    await admin.connect()
    onTestFinished(() => admin.end())
    await pollUntil(
      async () =>
        Number(
          (
            await admin.query(
              `SELECT count(*) AS n FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock'`,
            )
          ).rows[0].n,
        ),
      (n) => n >= 2,
      { timeout: 20_000, failure: (n) => `${n} of 2 first creates waiting for the project's row` },
    )
    // Behind them, 10 creates per server: two refused ones on the first server, none on the second.
    const titles = [
      ['a', 'b', 'refuse me 1', 'c', 'd', 'e', 'refuse me 2', 'f', 'g', 'h'],
      ['i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r'],
    ]
    const rest = bases.flatMap((base, i) => titles[i]!.map((t) => create(base, t)))
    for (const base of bases)
      await pollUntil(
        () => metric(base, 'ticket_creates_waiting'),
        (n) => n === 10,
        { timeout: 20_000, failure: (n) => `${n} of 10 creates waiting at ${base}` },
      )
    await db.query('COMMIT')

    const answers = [...(await Promise.all(firsts)), ...(await Promise.all(rest))]
    for (const a of answers)
      if (a.title.startsWith('refuse me')) {
        expect(a.status, a.title).toBe(409)
        expect(a.body.error, a.title).toMatch(/conflicts/)
      } else expect(a.status, `${a.title}: ${JSON.stringify(a.body)}`).toBe(201)
    const keys = answers.flatMap((a) => (a.body.key ? [a.body.key] : []))
    expect(keys).toHaveLength(20)
    const seqs = keys.map((k) => Number(k.split('-').at(-1))).sort((x, y) => x - y)
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    // Each create's own history event, and nothing of the refused ones.
    const { rows } = await db.query(
      `SELECT ticket_key, payload FROM history WHERE event_type = 'ticket_created' ORDER BY ticket_key`,
    )
    expect(rows.map((r) => r.ticket_key).sort()).toEqual([...keys].sort())
    for (const a of answers.filter((x) => x.body.key))
      expect(rows.find((r) => r.ticket_key === a.body.key)?.payload).toContain(
        `"title":"${a.title}"`,
      )
    for (const [i, base] of bases.entries())
      await pollUntil(
        () => heard[i]!.filter((m) => m.type === 'ticket.created').map((m) => m.key!),
        (got) => got.length >= keys.length,
        {
          timeout: 20_000,
          failure: (got) => `${base} told of ${got.length} of ${keys.length} creates`,
        },
      ).then((got) => expect([...got].sort()).toEqual([...keys].sort()))
    // The second server wrote its ten in one statement; the first, refused as a group, one by one.
    expect(await metric(bases[1]!, 'ticket_create_statements')).toBe(2)
    expect(await metric(bases[1]!, 'ticket_creates_written')).toBe(11)
    expect(await metric(bases[0]!, 'ticket_creates_written')).toBe(9)
    expect(await metric(bases[0]!, 'ticket_create_statements')).toBe(9)
  }, 120_000)
})

async function signIn(base: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  })
  expect(res.status).toBe(200)
  return ((await res.json()) as { token: string }).token
}
