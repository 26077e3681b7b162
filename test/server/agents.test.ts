import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../src/server/start.ts'
import { type Caller, caller } from '../support/http.ts'
import { signedIn, startTestServer } from '../support/server.ts'

let server: RunningServer
let admin: Caller

beforeAll(async () => {
  server = await startTestServer()
  admin = caller(server.url, (await signedIn(server)).token)
})
afterAll(() => server?.close())

const basic = (id: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${id}:${password}`).toString('base64')}`,
})

describe('agents', () => {
  it('are created by an admin with a UUID and a password shown once', async () => {
    const r = await admin('POST', '/api/agents', {})
    expect(r.status).toBe(201)
    const { agent, password } = r.body as { agent: { username: string }; password: string }
    expect(agent).toMatchObject({ user_type: 'agent', enabled: true })
    expect(agent.username).toMatch(/^[0-9a-f-]{36}$/)
    expect(password).toMatch(/^\S{16,}$/)
    const list = (await admin('GET', '/api/agents')).body as { username: string }[]
    expect(list.map((a) => a.username)).toEqual([agent.username])
    expect((await admin('POST', '/api/agents/admin/disable')).status).toBe(404)
  })

  it('authenticate with HTTP Basic on their routes', async () => {
    const created = (await admin('POST', '/api/agents', { password: 'agent-secret-1' })).body as {
      agent: { username: string }
    }
    const id = created.agent.username
    const anon = caller(server.url)
    const reg = await anon('POST', '/api/agents/register', undefined, basic(id, 'agent-secret-1'))
    expect(reg).toMatchObject({
      status: 200,
      body: { status: 'ok', agent: { username: id, status: 'idle' } },
    })
    const beat = await anon(
      'POST',
      '/api/agents/heartbeat',
      { status: 'working' },
      basic(id, 'agent-secret-1'),
    )
    expect(beat.body).toEqual({ status: 'ok' })
    const bad = await anon(
      'POST',
      '/api/agents/heartbeat',
      { status: 'asleep' },
      basic(id, 'agent-secret-1'),
    )
    expect(bad.status).toBe(400)
    expect(
      await anon('POST', '/api/agents/register', undefined, basic(id, 'wrong-secret')),
    ).toMatchObject({ status: 401, body: { error: 'invalid credentials' } })
    expect(await anon('POST', '/api/agents/register')).toMatchObject({
      status: 401,
      body: { error: 'basic auth required' },
    })
    await admin('POST', `/api/agents/${id}/disable`)
    const off = await anon('POST', '/api/agents/register', undefined, basic(id, 'agent-secret-1'))
    expect(off.status).toBe(403)
    expect((await admin('DELETE', `/api/agents/${id}`)).body).toEqual({ status: 'deleted' })
  })

  it('are managed by admins only', async () => {
    await admin('POST', '/api/users', { username: 'uma', password: 'uma-password' })
    const uma = caller(server.url, (await signedIn(server, 'uma', 'uma-password')).token)
    expect((await uma('GET', '/api/agents')).status).toBe(403)
    expect((await uma('POST', '/api/agents', {})).status).toBe(403)
    expect((await caller(server.url)('GET', '/api/agents')).status).toBe(401)
  })
})
