import { describe, expect, it, onTestFinished } from 'vitest'
import { HttpService } from '../../src/client/http-service.ts'
import { TEST_DIALECTS } from '../support/dialects.ts'
import { spawnServer } from '../support/server-process.ts'
import { createTestDatabase } from '../support/store.ts'

/** The servers of one database: two over PostgreSQL, the one SQLite allows. */
async function serversOf(dialect: (typeof TEST_DIALECTS)[number]) {
  if (dialect === 'sqlite') {
    const only = await spawnServer()
    return { password: only.adminPassword, urls: [only.url] }
  }
  const database = await createTestDatabase()
  onTestFinished(() => database.drop())
  const first = await spawnServer(['-db', database.url])
  const second = await spawnServer([], { TICKET_DATABASE_URL: database.url })
  return { password: first.adminPassword, urls: [first.url, second.url] }
}

const basic = (id: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${id}:${password}`).toString('base64')}`,
})

/**
 * api.md "Authentication": 10 sign-in attempts a minute per client address, logins and failed
 * HTTP Basic sign-ins alike, counted in the database so that every server spends one budget.
 */
for (const dialect of TEST_DIALECTS) {
  describe(`${dialect}: failed Basic sign-ins spend the address's one sign-in budget`, () => {
    it('failures spread over the servers trip the limit on each, for Basic and logins alike', async () => {
      const { password, urls } = await serversOf(dialect)
      const at = (i: number) => urls[i % urls.length]!
      const admin = new HttpService({ url: at(0) })
      // The budget's first attempt: this address has 9 left.
      await admin.login('admin', password)
      const { agent, password: agentPassword } = await admin.createAgent({})
      const get = (i: number, pw: string) =>
        fetch(`${at(i)}/api/projects`, { headers: basic(agent.id, pw) })
      // Checked once on the first server, so known there from now on.
      expect((await get(0, agentPassword)).status).toBe(200)
      const statuses: number[] = []
      // Alternating: over two servers each sees only 4 or 5 of the failures.
      for (let i = 0; i < 9; i++) statuses.push((await get(i, 'wrong-password')).status)
      expect(statuses).toEqual(Array(9).fill(401))
      for (let i = 0; i < urls.length; i++) {
        const refused = await get(i, 'wrong-password')
        expect(refused.status, `server ${i}`).toBe(429)
        expect(await refused.json()).toMatchObject({ error: 'too many failed sign-ins' })
        const login = await fetch(`${at(i)}/api/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'admin', password }),
        })
        expect(login.status, `login on server ${i}`).toBe(429)
      }
      // Before any hashing: the right password, not yet checked there, is refused too…
      if (urls.length > 1) expect((await get(1, agentPassword)).status).toBe(429)
      // …while where it was checked before it costs no hash, and passes.
      expect((await get(0, agentPassword)).status).toBe(200)
    }, 60_000)
  })
}
