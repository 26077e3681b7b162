import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { describe, expect, it, onTestFinished } from 'vitest'
import { runnerFor } from '../../src/agent/llm-runner.ts'
import { buildApp } from '../../src/server/app.ts'
import { ServiceHost } from '../../src/service/service-host.ts'
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.ts'
import { caller } from '../support/http.ts'
import { spawnServer } from '../support/server-process.ts'
import { tempDir } from '../support/temp-dir.ts'

type LogLine = { level: number; msg: string; reqId?: string; err?: { stack?: string } }
const lines = (text: string): LogLine[] =>
  text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine)

/** Signs in and makes requests that carry every kind of secret: password, token, cookie. */
async function useSecrets(url: string, password: string) {
  const anon = caller(url)
  const login = await anon('POST', '/api/login', { username: 'admin', password })
  const token = (login.body as { token: string }).token
  const api = caller(url, token)
  await api('POST', '/api/users', { username: 'sam', password: 'sam-secret-pw' })
  await api('POST', '/api/users/sam/reset-password', { password: 'sam-newer-pw' })
  await anon('GET', '/api/projects', undefined, { cookie: `ticket_token=${token}` })
  await anon('GET', `/api/ws?token=${token}`)
  await anon('POST', '/api/login', { username: 'admin', password: 'a-wrong-password' })
  return { api, secrets: [password, token, 'sam-secret-pw', 'sam-newer-pw', 'a-wrong-password'] }
}

describe('the server log', () => {
  it('without -v: each failure with its stack and request id, and nothing else', async () => {
    // No LLM command that can start: analyse answers 503.
    const server = await spawnServer([], { TICKET_ANALYSE_CMD: '/nonexistent/llm' })
    const { api, secrets } = await useSecrets(server.url, server.adminPassword)
    expect((await api('GET', '/api/tickets/TK-T-99')).status).toBe(404)
    await api('POST', '/api/tickets', { project: 'TK', title: 'to analyse' })
    const failed = await api('POST', '/api/tickets/TK-T-1/analyse')
    expect(failed.status).toBe(503)

    await expect.poll(() => lines(server.stderr()).length).toBe(1)
    const [line] = lines(server.stderr())
    expect(line).toMatchObject({ level: 50, reqId: expect.any(String), msg: expect.any(String) })
    expect(line!.err?.stack).toMatch(/^TicketError: .*\n\s+at /)
    expect(server.stdout()).not.toMatch(/^\{/m)
    for (const s of secrets) expect(server.stderr()).not.toContain(s)
  })

  it('with -v: a line per request besides, and still no secret', async () => {
    const server = await spawnServer(['-v'])
    const { secrets } = await useSecrets(server.url, server.adminPassword)
    await expect
      .poll(() => lines(server.stderr()).filter((l) => l.msg === 'request completed').length)
      .toBeGreaterThanOrEqual(6)
    for (const s of secrets) expect(server.stderr()).not.toContain(s)
  })

  it('with -v: both lines of a request carry its id, which the response names; a proxy’s id is kept', async () => {
    const server = await spawnServer(['-v'])
    const own = await fetch(`${server.url}/api/healthz`)
    const id = own.headers.get('x-request-id')
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    const proxied = await fetch(`${server.url}/api/healthz`, {
      headers: { 'x-request-id': '5e0f1c2d3b4a59687766554433221100' },
    })
    expect(proxied.headers.get('x-request-id')).toBe('5e0f1c2d3b4a59687766554433221100')
    // Anything but a plain token is replaced, so a log line cannot be forged through it.
    const forged = await fetch(`${server.url}/api/healthz`, {
      headers: { 'x-request-id': 'x", "level": 60' },
    })
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    for (const reqId of [id, '5e0f1c2d3b4a59687766554433221100'])
      await expect
        .poll(() =>
          lines(server.stderr())
            .filter((l) => l.reqId === reqId)
            .map((l) => l.msg),
        )
        .toEqual(['incoming request', 'request completed'])
  })

  it('logs an unexpected 500 with its stack, and tells the client only "internal error"', async () => {
    const store = await openSqliteStore(join(tempDir('tk-log-'), 'ticket.db'), { create: true })
    const host = new ServiceHost({ store })
    const log = new PassThrough()
    let text = ''
    log.on('data', (d: Buffer) => {
      text += d.toString()
    })
    const app = await buildApp({ host, version: 'test', logTo: log, chat: runnerFor('codex') })
    onTestFinished(async () => {
      await app.close()
      await host.close()
    })
    // A fault no request can cause (api.md promises none), to see what a bug would leave behind.
    app.get('/api/fault', () => {
      throw new Error('a bug')
    })
    const r = await app.inject({ method: 'GET', url: '/api/fault' })
    expect(r.statusCode).toBe(500)
    expect(r.json()).toEqual({ error: 'internal error' })
    const [line] = lines(text)
    expect(line).toMatchObject({ level: 50, reqId: expect.any(String), msg: 'unhandled error' })
    expect(line!.err?.stack).toMatch(/^Error: a bug\n\s+at /)
  })
})
