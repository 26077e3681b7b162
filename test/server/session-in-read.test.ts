// GET one ticket reads the caller's session in the same snapshot as the ticket (decision 0044)
// instead of in a hook before it. These prove the session is still judged on every request: an
// ended session, a disabled user, a removed membership and a session ended by another process
// are refused at once; an expired one is ended, an ageing one extended, as on every route.
import { DatabaseSync } from 'node:sqlite'
import { describe, expect, it, onTestFinished } from 'vitest'
import type { HttpService } from '../../src/client/http-service.ts'
import { TEST_DIALECTS } from '../support/dialects.ts'
import { type Caller, caller } from '../support/http.ts'
import { signedIn, startTestServer } from '../support/server.ts'

async function setUp(dialect: (typeof TEST_DIALECTS)[number]) {
  const server = await startTestServer({ dialect })
  onTestFinished(() => server.close())
  const admin = await signedIn(server)
  await admin.createProject({ prefix: 'SR', title: 'Session reads', visibility: 'private' })
  const key = (await admin.createTicket({ project: 'SR', title: 'read me' })).key
  await admin.createUser({ username: 'reader', password: 'reader-password' })
  await admin.addProjectMember('SR', { username: 'reader', role: 'viewer' })
  const reader: HttpService = await signedIn(server, 'reader', 'reader-password')
  const as = (token: string | null | undefined): Caller => caller(server.url, token ?? undefined)
  return { server, admin, key, reader, as, adminCall: as(admin.token) }
}

const ENDED = { status: 401, body: { error: 'your session has expired or was ended' } }

describe.each(TEST_DIALECTS)('GET one ticket with the session in its read (%s)', (dialect) => {
  it('answers a signed-in reader, full and brief, with the change cursor', async () => {
    const { key, reader, as } = await setUp(dialect)
    for (const path of [`/api/tickets/${key}`, `/api/tickets/${key}?brief=1`]) {
      const r = await as(reader.token)('GET', path)
      expect(r.status).toBe(200)
      expect(r.body).toMatchObject({ key, title: 'read me' })
      expect(r.headers.get('x-change-cursor')).toMatch(/./)
    }
    const full = await as(reader.token)('GET', `/api/tickets/${key}`)
    expect(full.body).toHaveProperty('history')
    const brief = await as(reader.token)('GET', `/api/tickets/${key}?brief=1`)
    expect(brief.body).not.toHaveProperty('history')
  })

  it('refuses callers without a session as every route does', async () => {
    const { key, as } = await setUp(dialect)
    const none = await as(null)('GET', `/api/tickets/${key}`)
    expect(none).toMatchObject({ status: 401, body: { error: 'sign in first' } })
    expect(none.headers.get('x-change-cursor')).toBeNull()
    expect(await as('not-a-token')('GET', `/api/tickets/${key}`)).toMatchObject(ENDED)
  })

  it('refuses the very next GET after a logout, a disable or a removed membership', async () => {
    const { server, admin, key, reader, as, adminCall } = await setUp(dialect)
    expect((await as(reader.token)('GET', `/api/tickets/${key}`)).status).toBe(200)
    expect((await as(reader.token)('POST', '/api/logout')).status).toBe(200)
    expect(await as(reader.token)('GET', `/api/tickets/${key}`)).toMatchObject(ENDED)

    const again = await signedIn(server, 'reader', 'reader-password')
    expect((await as(again.token)('GET', `/api/tickets/${key}`)).status).toBe(200)
    await admin.removeProjectMember('SR', 'reader')
    const outside = await as(again.token)('GET', `/api/tickets/${key}`)
    expect(outside.status).toBeGreaterThanOrEqual(403)
    expect(outside.status).toBeLessThan(500)
    expect(outside.body).toHaveProperty('error')

    await admin.addProjectMember('SR', { username: 'reader', role: 'viewer' })
    expect((await as(again.token)('GET', `/api/tickets/${key}`)).status).toBe(200)
    expect((await adminCall('POST', '/api/users/reader/disable')).status).toBe(200)
    expect(await as(again.token)('GET', `/api/tickets/${key}`)).toMatchObject(ENDED)
  })

  it('answers an agent signed in with HTTP Basic', async () => {
    const { admin, key, as, server } = await setUp(dialect)
    const { agent } = await admin.createAgent({ password: 'bot-password-1' })
    await admin.addProjectMember('SR', { username: agent.username, role: 'editor' })
    const basic = Buffer.from(`${agent.id}:bot-password-1`).toString('base64')
    const r = await fetch(`${server.url}/api/tickets/${key}`, {
      headers: { authorization: `Basic ${basic}` },
    })
    expect(r.status).toBe(200)
    expect(await r.json()).toMatchObject({ key })
    expect((await as(null)('GET', `/api/tickets/${key}`)).status).toBe(401)
  })
})

describe('GET one ticket and sessions changed by another process (sqlite)', () => {
  it('refuses a session another process ended, ends an expired one, extends an ageing one', async () => {
    const { server, key, reader, as } = await setUp('sqlite')
    const other = new DatabaseSync(server.dbPath)
    onTestFinished(() => other.close())
    const sessions = () =>
      other.prepare(
        'select expires_at from sessions s join users u on u.id = s.user_id where u.username = ?',
      )
    expect((await as(reader.token)('GET', `/api/tickets/${key}`)).status).toBe(200)

    // Ageing: less than 30 days minus an hour left, so the next request extends it.
    const soon = new Date(Date.now() + 2 * 86_400_000).toISOString()
    other
      .prepare(
        'update sessions set expires_at = ? where user_id = (select id from users where username = ?)',
      )
      .run(soon, 'reader')
    expect((await as(reader.token)('GET', `/api/tickets/${key}`)).status).toBe(200)
    const extended = sessions().all('reader') as { expires_at: string }[]
    expect(extended).toHaveLength(1)
    expect(Date.parse(extended[0]!.expires_at)).toBeGreaterThan(Date.now() + 29 * 86_400_000)

    // Expired: refused, and the session is gone.
    const past = new Date(Date.now() - 1000).toISOString()
    other
      .prepare(
        'update sessions set expires_at = ? where user_id = (select id from users where username = ?)',
      )
      .run(past, 'reader')
    expect(await as(reader.token)('GET', `/api/tickets/${key}`)).toMatchObject(ENDED)
    expect(sessions().all('reader')).toHaveLength(0)

    // Ended by another process (a local `tk` on the same file): refused at once.
    const again = await signedIn(server, 'reader', 'reader-password')
    expect((await as(again.token)('GET', `/api/tickets/${key}`)).status).toBe(200)
    other
      .prepare('delete from sessions where user_id = (select id from users where username = ?)')
      .run('reader')
    expect(await as(again.token)('GET', `/api/tickets/${key}`)).toMatchObject(ENDED)
  })
})
