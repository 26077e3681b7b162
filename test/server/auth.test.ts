import { describe, expect, it, onTestFinished } from 'vitest'
import { caller } from '../support/http.ts'
import { ADMIN_PASSWORD, startTestServer } from '../support/server.ts'

async function server(options: { loginsPerMinute?: number } = {}) {
  const s = await startTestServer(options)
  onTestFinished(() => s.close())
  return s
}

describe('authentication', () => {
  it('registers, logs in with a cookie and a token, and logs out', async () => {
    const s = await server()
    const anon = caller(s.url)
    const reg = await anon('POST', '/api/register', { username: 'alice', password: 'alice-pw-1' })
    expect(reg.status).toBe(201)
    expect(reg.body).toMatchObject({ username: 'alice', role: 'user', enabled: true })
    expect(JSON.stringify(reg.body)).not.toContain('password')

    const login = await anon('POST', '/api/login', { username: 'alice', password: 'alice-pw-1' })
    expect(login.status).toBe(200)
    const { token, expires_at } = login.body as { token: string; expires_at: string }
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16)
    const days = (Date.parse(expires_at) - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(29.9)
    const cookie = login.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^ticket_token=[^;]+;/)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    expect(cookie).toMatch(/Max-Age=2592000/)

    const me = await caller(s.url, token)('GET', '/api/status')
    expect(me.body).toMatchObject({ authenticated: true, user: { username: 'alice' } })
    const byCookie = await anon('GET', '/api/projects', undefined, {
      cookie: `ticket_token=${token}`,
    })
    expect(byCookie.status).toBe(200)

    const out = await caller(s.url, token)('POST', '/api/logout')
    expect(out.body).toEqual({ status: 'logged_out' })
    expect(out.headers.get('set-cookie')).toMatch(/ticket_token=;/)
    const after = await caller(s.url, token)('GET', '/api/projects')
    expect(after.status).toBe(401)
    expect(after.body).toMatchObject({ error: 'your session has expired or was ended' })
    expect((await anon('GET', '/api/status')).body).toMatchObject({ authenticated: false })
  })

  it('refuses wrong passwords, unknown users, duplicates and weak passwords', async () => {
    const s = await server()
    const anon = caller(s.url)
    const wrong = await anon('POST', '/api/login', { username: 'admin', password: 'nope-nope' })
    expect(wrong).toMatchObject({ status: 401, body: { error: 'invalid credentials' } })
    const ghost = await anon('POST', '/api/login', { username: 'ghost', password: 'nope-nope' })
    expect(ghost).toMatchObject({ status: 401, body: { error: 'invalid credentials' } })
    const dup = await anon('POST', '/api/register', { username: 'admin', password: 'whatever1' })
    expect(dup.status).toBe(409)
    const weak = await anon('POST', '/api/register', { username: 'bob', password: 'short' })
    expect(weak.status).toBe(400)
    const bad = await anon('POST', '/api/register', { username: 'a b', password: 'whatever1' })
    expect(bad.status).toBe(400)
  })

  it('answers 429 with Retry-After to the 11th login in a minute', async () => {
    const s = await server({ loginsPerMinute: 10 })
    const anon = caller(s.url)
    const statuses: number[] = []
    for (let i = 0; i < 10; i++)
      statuses.push(
        (await anon('POST', '/api/login', { username: 'admin', password: 'wrong-pass' })).status,
      )
    expect(statuses).toEqual(Array(10).fill(401))
    const eleventh = await anon('POST', '/api/login', {
      username: 'admin',
      password: ADMIN_PASSWORD,
    })
    expect(eleventh.status).toBe(429)
    expect(eleventh.body).toEqual({ error: 'too many requests' })
    expect(Number(eleventh.headers.get('retry-after'))).toBeGreaterThan(0)
    // Register shares the budget; other routes are not limited.
    expect((await anon('POST', '/api/register', { username: 'x', password: 'y' })).status).toBe(429)
    expect((await anon('GET', '/api/healthz')).status).toBe(200)
  })

  it('ends the sessions of a disabled user and of one whose password is reset', async () => {
    const s = await server()
    const admin = caller(
      s.url,
      (
        (await caller(s.url)('POST', '/api/login', {
          username: 'admin',
          password: ADMIN_PASSWORD,
        })) as { body: { token: string } }
      ).body.token,
    )
    await admin('POST', '/api/users', { username: 'carol', password: 'carol-pw-1' })
    const login = async () =>
      caller(s.url)('POST', '/api/login', { username: 'carol', password: 'carol-pw-1' })
    const token = ((await login()).body as { token: string }).token
    expect((await admin('POST', '/api/users/carol/disable')).status).toBe(200)
    expect((await caller(s.url, token)('GET', '/api/projects')).status).toBe(401)
    expect((await login()).status).toBe(403)
    await admin('POST', '/api/users/carol/enable')
    const again = ((await login()).body as { token: string }).token
    await admin('POST', '/api/users/carol/reset-password', { password: 'carol-pw-2' })
    expect((await caller(s.url, again)('GET', '/api/projects')).status).toBe(401)
  })

  it('refuses registration when an admin turns it off', async () => {
    const s = await server()
    const token = (
      (await caller(s.url)('POST', '/api/login', {
        username: 'admin',
        password: ADMIN_PASSWORD,
      })) as { body: { token: string } }
    ).body.token
    const off = await caller(s.url, token)('POST', '/api/config/registration', { enabled: false })
    expect(off.body).toEqual({ registration_enabled: false })
    const reg = await caller(s.url)('POST', '/api/register', {
      username: 'dave',
      password: 'dave-pw-12',
    })
    expect(reg).toMatchObject({ status: 403, body: { error: 'registration is disabled' } })
  })

  it('puts the security headers on every response, errors included', async () => {
    const s = await server()
    for (const path of ['/api/healthz', '/api/nope', '/', '/api/projects']) {
      const r = await caller(s.url)('GET', path)
      expect(r.headers.get('x-content-type-options')).toBe('nosniff')
      expect(r.headers.get('x-frame-options')).toBe('DENY')
      expect(r.headers.get('referrer-policy')).toBe('no-referrer')
      expect(r.headers.get('content-security-policy')).toContain("default-src 'self'")
    }
  })
})
