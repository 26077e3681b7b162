import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedWorkspace } from '../../bench/seed.ts'
import { spawnServer } from '../support/server-process.ts'

// Enough that ranking a word found in every ticket is the slowest thing the server does by far
// (the seed's titles all contain "ticket"); seeded in one transaction, a couple of seconds.
const TICKETS = 100_000
const SEARCHES = 10

let dir: string
let home: string

beforeAll(async () => {
  // Shared by both tests (seeded once), so made and removed around them all.
  dir = mkdtempSync(join(tmpdir(), 'tk-long-reads-'))
  home = join(dir, '.ticket')
  await seedWorkspace(home, TICKETS)
}, 120_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function signIn(url: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'bench-password' }),
  })
  const { token } = (await res.json()) as { token: string }
  return { authorization: `Bearer ${token}` }
}

describe(`long reads in tk server over ${TICKETS} tickets`, () => {
  it('answers GETs of one ticket while broad searches are still running', async () => {
    const server = await spawnServer([], { TICKET_HOME: home })
    const headers = await signIn(server.url)
    let searching = true
    const searches = Promise.all(
      Array.from({ length: SEARCHES }, async () => {
        const res = await fetch(`${server.url}/api/tickets?q=ticket&limit=50`, { headers })
        return { status: res.status, found: ((await res.json()) as unknown[]).length }
      }),
    ).finally(() => {
      searching = false
    })
    // One GET after another until the last search is answered. A server running the searches
    // on its event loop answers the first GET only after them (or one slipped in before).
    let answered = 0
    while (searching) {
      const one = await fetch(`${server.url}/api/tickets/TK-T-77`, { headers })
      expect(one.status).toBe(200)
      expect(((await one.json()) as { key: string }).key).toBe('TK-T-77')
      if (searching) answered++
    }
    expect(await searches).toEqual(Array(SEARCHES).fill({ status: 200, found: 50 }))
    expect(answered).toBeGreaterThanOrEqual(3)
  })

  it('stops a read past its time bound with a 503 and an error, and serves on', async () => {
    // A bound far below what ranking every ticket takes.
    const server = await spawnServer([], {
      TICKET_HOME: home,
      TICKET_READ_TIMEOUT_SECONDS: '0.001',
    })
    const headers = await signIn(server.url)
    for (const path of ['/api/tickets?q=ticket&limit=0', '/api/tickets?limit=0']) {
      const res = await fetch(`${server.url}${path}`, { headers })
      expect(res.status, path).toBe(503)
      const body = (await res.json()) as { error: string; hint?: string }
      expect(body.error).toMatch(/took longer than 0\.001 s/)
      expect(body.hint).toMatch(/narrow it/)
    }
    const one = await fetch(`${server.url}/api/tickets/TK-T-5`, { headers })
    expect(one.status).toBe(200)
    expect(server.stderr()).not.toMatch(/internal error|"statusCode":500/)
  })
})
