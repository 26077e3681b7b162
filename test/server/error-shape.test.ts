import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../src/server/start.ts'
import { caller, type Reply } from '../support/http.ts'
import { ADMIN_PASSWORD, signedIn, startTestServer } from '../support/server.ts'

let server: RunningServer
let proxied: RunningServer
let token: string

beforeAll(async () => {
  ;[server, proxied] = await Promise.all([startTestServer(), startTestServer({ trustProxy: true })])
  token = (await signedIn(server)).token!
})
afterAll(() => Promise.all([server?.close(), proxied?.close()]))

/** api.md "Conventions": every failure is `{"error": …, "hint"?: …}` and nothing else. */
function expectErrorShape(r: Reply, status: number) {
  expect(r.status, r.text).toBe(status)
  expect(r.headers.get('content-type')).toMatch(/^application\/json/)
  const body = r.body as Record<string, unknown>
  expect(typeof body.error).toBe('string')
  expect(Object.keys(body).filter((k) => k !== 'error' && k !== 'hint')).toEqual([])
  expect(r.headers.get('content-security-policy')).toContain("default-src 'self'")
}

describe('every error has the one shape', () => {
  it('for URLs the router cannot take', async () => {
    const api = caller(server.url, token)
    expectErrorShape(await api('GET', '/%c0%ae'), 400)
    expectErrorShape(await api('GET', '/api/tickets/%c0%ae'), 400)
    expectErrorShape(await api('GET', `/api/tickets/${'x'.repeat(600)}`), 414)
    expectErrorShape(await api('GET', '/api/nope'), 404)
    expectErrorShape(await api('PROPFIND', '/api/projects'), 404)
    expectErrorShape(await api('DELETE', '/'), 404)
  })

  it('for bodies the parser refuses', async () => {
    const api = caller(server.url, token)
    const json = { 'content-type': 'application/json' }
    expectErrorShape(await api('POST', '/api/projects', '{"prefix":', json), 400)
    expectErrorShape(await api('POST', '/api/projects', '{"__proto__":{"x":1}}', json), 400)
    expectErrorShape(
      await api('POST', '/api/projects', '<a/>', { 'content-type': 'text/xml' }),
      415,
    )
    expectErrorShape(
      await api('POST', '/api/projects', 'a=b', { 'content-type': 'text/plain' }),
      415,
    )
    expectErrorShape(await api('POST', '/api/projects', '{}', { 'content-type': '' }), 415)
    const big = await api('POST', '/api/projects', { title: 'x'.repeat(1_100_000) })
    expectErrorShape(big, 413)
    expect(big.body).toMatchObject({ error: 'request body is too large (the limit is 1 MB)' })
    expectErrorShape(await caller(server.url)('POST', '/api/projects', {}), 401)
  })
})

describe('the Content-Security-Policy', () => {
  it('lets the page connect to its own origin only, WebSockets included', async () => {
    const r = await caller(server.url)('GET', '/')
    const csp = r.headers.get('content-security-policy') ?? ''
    expect(csp.split('; ')).toContain("connect-src 'self'")
    expect(csp).not.toMatch(/\bwss?:/)
  })
})

describe('behind a TLS proxy (-trust-proxy)', () => {
  const login = (url: string, headers: Record<string, string>) =>
    caller(url)('POST', '/api/login', { username: 'admin', password: ADMIN_PASSWORD }, headers)

  it('marks the cookie Secure and sends HSTS when the proxy says https', async () => {
    const r = await login(proxied.url, { 'x-forwarded-proto': 'https' })
    expect(r.status).toBe(200)
    expect(r.headers.get('set-cookie')).toMatch(/;\s*Secure/i)
    expect(r.headers.get('strict-transport-security')).toMatch(/max-age=\d+/)
    // Its own origin is now https://host, so the web app behind the proxy may write.
    const host = new URL(proxied.url).host
    const write = await caller(proxied.url)('POST', '/api/logout', undefined, {
      cookie: `ticket_token=${(r.body as { token: string }).token}`,
      origin: `https://${host}`,
      'x-forwarded-proto': 'https',
      'content-type': 'application/json',
    })
    expect(write.status).toBe(200)
  })

  it('over plain http, or when the proxy is not trusted, sends neither', async () => {
    const plain = await login(proxied.url, {})
    expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/i)
    expect(plain.headers.get('strict-transport-security')).toBeNull()
    const untrusted = await login(server.url, { 'x-forwarded-proto': 'https' })
    expect(untrusted.headers.get('set-cookie')).not.toMatch(/Secure/i)
    expect(untrusted.headers.get('strict-transport-security')).toBeNull()
  })
})
