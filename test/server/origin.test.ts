import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../src/server/start.ts'
import { caller } from '../support/http.ts'
import { signedIn, startTestServer } from '../support/server.ts'

// docs/authorisation.md "Origins": what a browser sends unasked (the cookie) counts only from
// the server's own pages or an origin named by `tk server -origin`.
let server: RunningServer
let token: string
const TRUSTED = 'https://tickets.example.com'

beforeAll(async () => {
  server = await startTestServer({ origins: [TRUSTED] })
  const admin = await signedIn(server)
  token = admin.token!
  await admin.createProject({ prefix: 'ORG', title: 'Origins' })
  await admin.createTicket({ project: 'ORG', title: 'keep me open' })
})
afterAll(() => server?.close())

const own = () => server.url.replace('localhost', '127.0.0.1')
const evil = 'http://127.0.0.1:9' // another port of the same host: same site, another origin

/** A call as the web app makes it: the session cookie, and what the browser adds. */
function byCookie(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  return caller(server.url)(method, path, body, { cookie: `ticket_token=${token}`, ...headers })
}

/** The status of a WebSocket upgrade to `/api/ws` with these headers. */
function upgrade(headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}/api/ws`, {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        ...headers,
      },
    })
    req.on('response', (res) => resolve(res.statusCode ?? 0))
    req.on('upgrade', (_res, socket) => {
      socket.destroy()
      resolve(101)
    })
    req.on('error', reject)
    req.end()
  })
}

describe('cross-origin requests signed in by the cookie', () => {
  it('refuses a write from another origin, bodyless or not, and changes nothing', async () => {
    const close = await byCookie('POST', '/api/tickets/ORG-T-1/close', {
      origin: evil,
      'content-type': 'application/json',
    })
    expect(close).toMatchObject({
      status: 403,
      body: { error: `cross-origin request refused (from ${evil})`, hint: expect.any(String) },
    })
    const create = await byCookie(
      'POST',
      '/api/tickets',
      { origin: evil },
      { project: 'ORG', title: 'forged' },
    )
    expect(create.status).toBe(403)
    const sameSite = await byCookie('POST', '/api/tickets/ORG-T-1/close', {
      'sec-fetch-site': 'same-site',
      'content-type': 'application/json',
    })
    expect(sameSite.status).toBe(403)
    const t = await caller(server.url, token)('GET', '/api/tickets/ORG-T-1')
    expect(t.body).toMatchObject({ status: expect.not.stringMatching(/closed/) })
    expect((await caller(server.url, token)('GET', '/api/tickets?project=ORG')).body).toHaveLength(
      1,
    )
  })

  it('refuses a cookie write that names no origin at all', async () => {
    const r = await byCookie('POST', '/api/tickets/ORG-T-1/ready', {
      'content-type': 'application/json',
    })
    expect(r).toMatchObject({ status: 403, body: { hint: expect.stringMatching(/Bearer/) } })
  })

  it('wants application/json on every cookie write, a bodyless one too', async () => {
    const bare = await byCookie('POST', '/api/tickets/ORG-T-1/ready', { origin: own() })
    expect(bare).toMatchObject({
      status: 415,
      body: { error: 'send Content-Type: application/json with every change' },
    })
    const form = await byCookie(
      'POST',
      '/api/tickets/ORG-T-1/ready',
      { origin: own(), 'content-type': 'text/plain' },
      '{}',
    )
    expect(form.status).toBe(415)
    // An empty JSON body is no body.
    const ok = await byCookie('POST', '/api/tickets/ORG-T-1/ready', {
      origin: own(),
      'content-type': 'application/json',
    })
    expect(ok).toMatchObject({ status: 200, body: { ready: true } })
  })

  it('accepts writes from its own pages and from a trusted origin', async () => {
    const json = { 'content-type': 'application/json' }
    const senders: Record<string, string>[] = [
      { origin: own() },
      { origin: TRUSTED },
      { 'sec-fetch-site': 'same-origin' },
    ]
    for (const headers of senders) {
      const r = await byCookie('POST', '/api/tickets/ORG-T-1/notready', { ...json, ...headers })
      expect(r.status).toBe(200)
    }
    // Reads are not changes: another origin cannot see the answer anyway (no CORS).
    expect((await byCookie('GET', '/api/projects', { origin: evil })).status).toBe(200)
  })

  it('refuses a WebSocket upgrade by cookie from another origin', async () => {
    const cookie = `ticket_token=${token}`
    expect(await upgrade({ cookie, origin: evil })).toBe(403)
    expect(await upgrade({ cookie })).toBe(403)
    expect(await upgrade({ cookie, origin: own() })).toBe(101)
    expect(await upgrade({ cookie, origin: TRUSTED })).toBe(101)
  })

  it('leaves Bearer and Basic callers alone', async () => {
    const bearer = caller(server.url, token)
    const r = await bearer('POST', '/api/tickets/ORG-T-1/ready', undefined, { origin: evil })
    expect(r.status).toBe(200)
    const ws = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/api/ws?token=${token}`, {
        headers: {
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-version': '13',
          'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        },
      })
      req.on('response', (res) => resolve(res.statusCode ?? 0))
      req.on('upgrade', (_res, socket) => {
        socket.destroy()
        resolve(101)
      })
      req.on('error', reject)
      req.end()
    })
    expect(ws).toBe(101)
  })

  it('refuses a sign-in form posted from another site', async () => {
    const anon = caller(server.url)
    const r = await anon(
      'POST',
      '/api/login',
      { username: 'admin', password: 'x' },
      { origin: evil },
    )
    expect(r.status).toBe(403)
  })
})
