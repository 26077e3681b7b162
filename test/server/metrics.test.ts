import { describe, expect, it, onTestFinished } from 'vitest'
import { HttpService } from '../../src/client/http-service.ts'
import { readyTickets } from '../support/agents.ts'
import { TEST_DIALECTS } from '../support/dialects.ts'
import { spawnServer } from '../support/server-process.ts'
import { createTestDatabase } from '../support/store.ts'

/** The value of one series in a Prometheus text exposition; 0 when it is absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line ? Number(line.slice(series.length + 1)) : 0
}

async function scrape(url: string, token: string | null) {
  const res = await fetch(`${url}/metrics`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  })
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() }
}

/** The built server over a new database of `dialect`, with leases of 0.6 s. */
async function serverOf(dialect: string, env: NodeJS.ProcessEnv = {}) {
  if (dialect === 'sqlite') return { server: await spawnServer([], env), url: undefined }
  const database = await createTestDatabase()
  onTestFinished(() => database.drop())
  return { server: await spawnServer(['-db', database.url], env), url: database.url }
}

for (const dialect of TEST_DIALECTS) {
  describe(`${dialect}: /metrics`, () => {
    it('is for admins only, and counts requests, claims, WebSockets, lease requeues and the pool', async () => {
      const { server } = await serverOf(dialect, { TICKET_AGENT_LEASE_MINUTES: '0.01' })
      const admin = new HttpService({ url: server.url })
      await admin.login('admin', server.adminPassword)
      await admin.createUser({ username: 'bob', password: 'pw-long-enough' })
      const bob = new HttpService({ url: server.url })
      await bob.login('bob', 'pw-long-enough')

      expect((await scrape(server.url, null)).status).toBe(401)
      expect((await scrape(server.url, bob.token!)).status).toBe(403)

      const [key] = await readyTickets(admin, 'MET', 1)
      const { agent, password } = await admin.createAgent({})
      await admin.addProjectMember('MET', { username: agent.username, role: 'editor' })
      await admin.addProjectMember('MET', { username: 'bob', role: 'editor' })
      const worker = new HttpService({ url: server.url, agent: { id: agent.id, password } })
      expect((await worker.claim({ project: 'MET' })).ticket?.key).toBe(key)
      expect((await bob.claim({ project: 'MET' })).status).toBe('NO-WORK')
      await expect(admin.getTicket('MET-T-404')).rejects.toMatchObject({ code: 'not_found' })

      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/ws?token=${admin.token}`)
      onTestFinished(() => ws.close())
      await new Promise((resolve) => ws.addEventListener('open', resolve))

      // The agent sends no heartbeat: its lease lapses and the reaper puts the ticket back.
      await expect
        .poll(
          async () =>
            sample((await scrape(server.url, admin.token!)).text, 'ticket_lease_requeues_total'),
          {
            timeout: 15_000,
          },
        )
        .toBe(1)
      const { status, type, text } = await scrape(server.url, admin.token!)
      expect(status).toBe(200)
      expect(type).toMatch(/^text\/plain; version=0\.0\.4/)
      // Routes by their pattern, never by the key asked for.
      expect(
        sample(
          text,
          'ticket_http_requests_total{method="GET",route="/api/tickets/:ref",status="404"}',
        ),
      ).toBe(1)
      expect(text).not.toContain('MET-T-404')
      expect(
        sample(text, 'ticket_http_requests_total{method="GET",route="/metrics",status="403"}'),
      ).toBe(1)
      expect(
        sample(
          text,
          'ticket_http_request_duration_seconds_count{method="POST",route="/api/tickets"}',
        ),
      ).toBe(1)
      expect(sample(text, 'ticket_claims_total{result="assigned"}')).toBe(1)
      expect(sample(text, 'ticket_claims_total{result="no-work"}')).toBe(1)
      expect(sample(text, 'ticket_websocket_connections')).toBe(1)
      expect(text).toMatch(/^ticket_process_resident_memory_bytes \d+/m)
      if (dialect === 'postgres')
        expect(sample(text, 'ticket_db_pool_connections')).toBeGreaterThan(0)

      ws.close()
      await expect
        .poll(async () =>
          sample((await scrape(server.url, admin.token!)).text, 'ticket_websocket_connections'),
        )
        .toBe(0)
    }, 60_000)
  })
}
