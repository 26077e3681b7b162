import { describe, expect, it, onTestFinished } from 'vitest'
import { HttpService } from '../../src/client/http-service.ts'
import type { ClaimResult } from '../../src/service/ticket-service.ts'
import { readyTickets } from '../support/agents.ts'
import { TEST_DIALECTS } from '../support/dialects.ts'
import { spawnServer } from '../support/server-process.ts'
import { createTestDatabase } from '../support/store.ts'

const CLAIMANTS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi']
const PASSWORD = 'pw-long-enough'

/** `count` built `tk server` processes on one new PostgreSQL database. */
async function servers(count: number, env: NodeJS.ProcessEnv = {}) {
  const database = await createTestDatabase()
  onTestFinished(() => database.drop())
  // The first creates the schema and the admin; the rest find both there.
  const first = await spawnServer(['-db', database.url], env)
  const rest = await Promise.all(
    Array.from({ length: count - 1 }, () =>
      spawnServer([], { ...env, TICKET_DATABASE_URL: database.url }),
    ),
  )
  const processes = [first, ...rest]
  return { password: first.adminPassword, urls: processes.map((s) => s.url), processes }
}

// Several servers share nothing but the database: only PostgreSQL serves more than one.
describe.runIf(TEST_DIALECTS.includes('postgres'))('several servers on one PostgreSQL', () => {
  it.each([2, 3])(
    '%i servers, 8 claimants racing for 3 ready tickets, 20 times: exactly 3 winners, different tickets',
    async (count) => {
      const { password, urls } = await servers(count)
      const admin = new HttpService({ url: urls[0]! })
      await admin.login('admin', password)
      await admin.createProject({ prefix: 'RACE', title: 'Race' })
      const claimants: HttpService[] = []
      for (const [i, username] of CLAIMANTS.entries()) {
        await admin.createUser({ username, password: PASSWORD })
        await admin.addProjectMember('RACE', { username, role: 'editor' })
        // Spread over the servers: claimant i talks to server i mod count.
        const svc = new HttpService({ url: urls[i % count]! })
        await svc.login(username, PASSWORD)
        claimants.push(svc)
      }
      for (let round = 0; round < 20; round++) {
        for (const n of [1, 2, 3]) {
          const t = await admin.createTicket({ project: 'RACE', title: `round ${round} #${n}` })
          await admin.setStage(t.key, 'develop')
          await admin.setFlag(t.key, 'ready', true)
        }
        const answers: ClaimResult[] = await Promise.all(
          claimants.map((c) => c.claim({ project: 'RACE' })),
        )
        const winners = answers.filter((a) => a.status === 'ASSIGNED')
        expect(winners, `round ${round}`).toHaveLength(3)
        expect(new Set(winners.map((w) => w.ticket!.key)).size, `round ${round}`).toBe(3)
        expect(answers.filter((a) => a.status === 'NO-WORK')).toHaveLength(5)
        // Each winner finishes, so every claimant starts the next round empty-handed.
        await Promise.all(
          answers.map((a, i) =>
            a.status === 'ASSIGNED' ? claimants[i]!.setState(a.ticket!.key, 'success') : null,
          ),
        )
      }
      const active = await admin.listTickets({ project: 'RACE', state: 'active' })
      expect(active).toEqual([])
    },
    120_000,
  )
})

describe.runIf(TEST_DIALECTS.includes('postgres'))('keys across servers', () => {
  it('1,000 concurrent creates spread over 3 servers: every one succeeds, keys gap-free and unique', async () => {
    const { password, urls } = await servers(3)
    const admins = await Promise.all(
      urls.map(async (url) => {
        const svc = new HttpService({ url })
        await svc.login('admin', password)
        return svc
      }),
    )
    await admins[0]!.createProject({ prefix: 'KEY', title: 'Keys' })
    const total = 1000
    // 30 creates in flight at a time, each server taking every third.
    let next = 0
    const keys: string[] = []
    await Promise.all(
      Array.from({ length: 30 }, async () => {
        while (next < total) {
          const n = next++
          const t = await admins[n % 3]!.createTicket({ project: 'KEY', title: `create ${n}` })
          keys.push(t.key)
        }
      }),
    )
    const seqs = keys.map((k) => Number(k.split('-').at(-1))).sort((a, b) => a - b)
    expect(seqs).toEqual(Array.from({ length: total }, (_, i) => i + 1))
    expect(await admins[1]!.countTickets({ project: 'KEY' })).toBe(total)
  }, 180_000)
})

describe.runIf(TEST_DIALECTS.includes('postgres'))('live events across servers', () => {
  it('a change made through one server reaches a WebSocket client of another, long tickets too', async () => {
    const { password, urls } = await servers(2)
    const [a, b] = await Promise.all(
      urls.map(async (url) => {
        const svc = new HttpService({ url })
        await svc.login('admin', password)
        return svc
      }),
    )
    await a!.createProject({ prefix: 'LIVE', title: 'Live' })
    const messages: { type: string; key?: string; ticket?: { description: string } }[] = []
    const ws = new WebSocket(`${urls[1]!.replace('http', 'ws')}/api/ws?token=${b!.token}`)
    ws.addEventListener('message', (e) => messages.push(JSON.parse(String(e.data))))
    await new Promise<void>((resolve, reject) => {
      ws.addEventListener('open', () => resolve())
      ws.addEventListener('error', () => reject(new Error('connection refused')))
    })
    onTestFinished(() => ws.close())
    await expect.poll(() => messages.some((m) => m.type === 'connected')).toBe(true)
    const short = await a!.createTicket({ project: 'LIVE', title: 'made on A' })
    await expect
      .poll(() => messages.find((m) => m.type === 'ticket.created' && m.key === short.key))
      .toBeTruthy()
    // Past NOTIFY's 8,000-byte payload limit: the receiving server reads the ticket itself.
    const description = 'long words '.repeat(1000).trim()
    const long = await a!.createTicket({ project: 'LIVE', title: 'long on A', description })
    await expect
      .poll(() => messages.find((m) => m.type === 'ticket.created' && m.key === long.key))
      .toMatchObject({ ticket: { description } })
  })
})

describe.runIf(TEST_DIALECTS.includes('postgres'))('sign-in budget across servers', () => {
  it('10 logins a minute per address in all: spread over 2 servers, the 11th is refused by either', async () => {
    const { password, urls } = await servers(2)
    const login = (url: string, pw: string) =>
      fetch(`${url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: pw }),
      })
    const statuses: number[] = []
    // Alternating, so each server alone sees only 5 attempts.
    for (let i = 0; i < 10; i++) statuses.push((await login(urls[i % 2]!, 'wrong-pass')).status)
    expect(statuses).toEqual(Array(10).fill(401))
    for (const url of urls) {
      const refused = await login(url, password)
      expect(refused.status).toBe(429)
      expect(await refused.json()).toEqual({ error: 'too many requests' })
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    }
    const register = await fetch(`${urls[1]}/api/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'x', password: 'y-long-enough' }),
    })
    expect(register.status).toBe(429)
  }, 60_000)
})

describe.runIf(TEST_DIALECTS.includes('postgres'))('one server killed, the others serve', () => {
  it('kill -9 of one of 3 servers under write load: the others keep serving, every 2xx create is there', async () => {
    const { password, urls, processes } = await servers(3)
    const admins = await Promise.all(
      urls.map(async (url) => {
        const svc = new HttpService({ url })
        await svc.login('admin', password)
        return svc
      }),
    )
    await admins[0]!.createProject({ prefix: 'KILL', title: 'Kill' })
    const acknowledged: string[] = []
    const afterKill: string[] = []
    let killed = false
    let stop = false
    // 4 loops per server; those of the killed server expect their connection to be cut.
    const loops = admins.flatMap((svc, i) =>
      Array.from({ length: 4 }, async () => {
        while (!stop) {
          try {
            const t = await svc.createTicket({ project: 'KILL', title: `via ${i}` })
            acknowledged.push(t.key)
            if (killed && i !== 0) afterKill.push(t.key)
          } catch (e) {
            if (i === 0 && killed) return
            throw e
          }
        }
      }),
    )
    const running = Promise.all(loops)
    await expect.poll(() => acknowledged.length, { timeout: 30_000 }).toBeGreaterThan(30)
    const victim = processes[0]!.child
    const exited = new Promise((resolve) => victim.once('exit', resolve))
    killed = true
    victim.kill('SIGKILL')
    await exited
    // The survivors go on taking creates after the kill.
    await expect.poll(() => afterKill.length, { timeout: 30_000 }).toBeGreaterThan(30)
    stop = true
    await running
    const present = new Set(
      (await admins[1]!.listTickets({ project: 'KILL', limit: 0 })).map((t) => t.key),
    )
    expect(acknowledged.filter((k) => !present.has(k))).toEqual([])
    const seqs = [...present].map((k) => Number(k.split('-').at(-1))).sort((a, b) => a - b)
    expect(seqs).toEqual(Array.from({ length: present.size }, (_, i) => i + 1))
  }, 120_000)
})

describe.runIf(TEST_DIALECTS.includes('postgres'))('a reaper on every server', () => {
  it('3 servers reaping 3 lapsed leases: each ticket goes back to the queue exactly once', async () => {
    const { password, urls } = await servers(3, { TICKET_AGENT_LEASE_MINUTES: '0.01' })
    const admin = new HttpService({ url: urls[0]! })
    await admin.login('admin', password)
    const keys = await readyTickets(admin, 'REAP', 3)
    for (const [i, key] of keys.entries()) {
      const { agent, password: pw } = await admin.createAgent({})
      await admin.addProjectMember('REAP', { username: agent.username, role: 'editor' })
      const worker = new HttpService({ url: urls[i]!, agent: { id: agent.id, password: pw } })
      expect((await worker.claim({ ticket: key })).status).toBe('ASSIGNED')
    }
    // No heartbeats: every lease lapses within a second, and three reapers race to put it back.
    const requeues = async () => {
      let sum = 0
      for (const url of urls) {
        const res = await fetch(`${url}/metrics`, {
          headers: { authorization: `Bearer ${admin.token}` },
        })
        const line = (await res.text())
          .split('\n')
          .find((l) => l.startsWith('ticket_lease_requeues_total '))
        sum += Number(line?.split(' ')[1] ?? 0)
      }
      return sum
    }
    await expect.poll(requeues, { timeout: 15_000 }).toBe(3)
    for (const key of keys) {
      const t = await admin.getTicket(key)
      expect(t, key).toMatchObject({ assignee: null, attempts: 1 })
    }
    // Passes since found nothing more to do.
    expect(await requeues()).toBe(3)
  }, 120_000)
})
