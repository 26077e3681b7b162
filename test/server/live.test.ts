import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import type { HttpService } from '../../src/client/http-service.ts'
import { mayHaveMissed, subscribeLive } from '../../src/client/live-events.ts'
import type { TicketEvent } from '../../src/domain/events.ts'
import type { RunningServer } from '../../src/server/start.ts'
import { pollUntil } from '../support/poll.ts'
import { signedIn, startTestServer } from '../support/server.ts'

let server: RunningServer
let admin: HttpService
let outsider: HttpService

beforeAll(async () => {
  server = await startTestServer()
  admin = await signedIn(server)
  await admin.createUser({ username: 'olive', password: 'olive-password' })
  outsider = await signedIn(server, 'olive', 'olive-password')
  await admin.createProject({ prefix: 'SEC', title: 'Secret', visibility: 'private' })
  await admin.createProject({ prefix: 'PUB', title: 'Public' })
})
afterAll(() => server?.close())

type Message = { type: string; project?: string; key?: string; [k: string]: unknown }

/** A live connection that collects every message it receives. */
async function connect(token: string | undefined) {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/ws?token=${token}`)
  const messages: Message[] = []
  const closed: { code?: number; reason?: string } = {}
  ws.addEventListener('close', (e) => Object.assign(closed, { code: e.code, reason: e.reason }))
  ws.addEventListener('message', (e) => {
    messages.push(JSON.parse(String(e.data)) as Message)
  })
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve())
    ws.addEventListener('error', () => reject(new Error('connection refused')))
  })
  onTestFinished(() => ws.close())
  /** Resolves with the first message matching `match`, waiting for it if need be. */
  const next = (match: (m: Message) => boolean, ms = 5000) =>
    pollUntil(
      () => messages.find(match),
      (found) => found !== undefined,
      {
        timeout: ms,
        interval: 20,
        failure: () => `no matching message in ${JSON.stringify(messages)}`,
      },
    ) as Promise<Message>
  return { ws, messages, next, closed, send: (m: unknown) => ws.send(JSON.stringify(m)) }
}

describe('/api/ws live events', () => {
  it("greets with a change cursor a read's matches until a write comes between them", async () => {
    const cursorOfRead = async () => {
      const res = await fetch(`${server.url}/api/projects`, {
        headers: { authorization: `Bearer ${admin.token}` },
      })
      return res.headers.get('x-change-cursor') ?? ''
    }
    await admin.createProject({ prefix: 'CUR', title: 'Cursor' })
    const quiet = await cursorOfRead()
    const first = await connect(admin.token)
    const greeted = String((await first.next((m) => m.type === 'connected')).cursor)
    expect(mayHaveMissed(quiet, greeted)).toBe(false)

    // A change after the read and before the next subscription: that read may lack it.
    await admin.createTicket({ project: 'CUR', title: 'between read and subscription' })
    const second = await connect(admin.token)
    const later = String((await second.next((m) => m.type === 'connected')).cursor)
    expect(mayHaveMissed(quiet, later)).toBe(true)
    expect(mayHaveMissed(await cursorOfRead(), later)).toBe(false)
    // Another process's numbers are never taken as current.
    expect(mayHaveMissed(`other.${Number.MAX_SAFE_INTEGER}`, later)).toBe(true)
  })

  it('greets, and delivers events only of projects the connection may read', async () => {
    const a = await connect(admin.token)
    const o = await connect(outsider.token)
    expect(await a.next((m) => m.type === 'connected')).toMatchObject({ user: 'admin' })
    await o.next((m) => m.type === 'connected')

    await admin.createTicket({ project: 'SEC', title: 'hidden' })
    await admin.createTicket({ project: 'PUB', title: 'visible' })
    expect(await a.next((m) => m.key === 'SEC-T-1')).toMatchObject({
      type: 'ticket.created',
      project: 'SEC',
      actor: 'admin',
      ticket: { title: 'hidden' },
    })
    await a.next((m) => m.key === 'PUB-T-1')
    // Events arrive in order, so once PUB-T-1 is here SEC-T-1 would have come before it.
    expect(await o.next((m) => m.key === 'PUB-T-1')).toMatchObject({ type: 'ticket.created' })
    expect(o.messages.some((m) => m.project === 'SEC')).toBe(false)
  })

  it('narrows to the subscribed projects, and starts delivering once a member is added', async () => {
    const o = await connect(outsider.token)
    o.send({ subscribe: ['sec'] })
    expect(await o.next((m) => m.type === 'subscribed')).toMatchObject({ projects: ['SEC'] })
    await admin.createTicket({ project: 'PUB', title: 'not subscribed' })
    await admin.createTicket({ project: 'SEC', title: 'still hidden' })
    await admin.addProjectMember('SEC', { username: 'olive', role: 'viewer' })
    expect(await o.next((m) => m.type === 'member.changed')).toMatchObject({ project: 'SEC' })
    const t = await admin.createTicket({ project: 'SEC', title: 'now visible' })
    expect(await o.next((m) => m.key === t.key)).toMatchObject({ project: 'SEC' })
    expect(o.messages.filter((m) => m.type.startsWith('ticket.')).map((m) => m.key)).toEqual([
      t.key,
    ])
    await admin.removeProjectMember('SEC', 'olive')
  })

  it('reaches clients through subscribeLive, narrowed to the projects asked for', async () => {
    const events: TicketEvent[] = []
    let opened!: () => void
    const open = new Promise<void>((r) => {
      opened = r
    })
    const live = subscribeLive({
      url: server.url,
      token: admin.token!,
      projects: ['PUB'],
      onEvent: (e) => events.push(e),
      onStatus: (s) => s === 'open' && opened(),
    })
    onTestFinished(() => live.close())
    await open
    await admin.createTicket({ project: 'SEC', title: 'elsewhere' })
    const t = await admin.createTicket({ project: 'PUB', title: 'via the client' })
    await expect.poll(() => events.map((e) => ('key' in e ? e.key : ''))).toContain(t.key)
    expect(events.every((e) => e.project === 'PUB')).toBe(true)
  })

  it('reaches members through teams, and tells them when the project is deleted', async () => {
    await admin.createTeam({ name: 'Ops' })
    await admin.addTeamMember('Ops', { username: 'olive' })
    await admin.createProject({ prefix: 'OPS', title: 'Operations', visibility: 'private' })
    await admin.addProjectTeam('OPS', { team: 'Ops', role: 'viewer' })
    const o = await connect(outsider.token)
    await o.next((m) => m.type === 'connected')
    const t = await admin.createTicket({ project: 'OPS', title: 'via the team' })
    expect(await o.next((m) => m.key === t.key)).toMatchObject({ project: 'OPS' })
    await admin.deleteProject('OPS')
    expect(await o.next((m) => m.type === 'project.deleted')).toMatchObject({ project: 'OPS' })
  })

  it('closes a feed as soon as its session ends, before another event can reach it', async () => {
    const ended = [
      { username: 'dora', end: () => admin.setUserEnabled('dora', false) },
      { username: 'reza', end: () => admin.resetPassword('reza') },
      { username: 'lou', end: (svc: HttpService) => svc.logout() },
    ]
    for (const { username, end } of ended) {
      await admin.createUser({ username, password: `${username}-password` })
      const svc = await signedIn(server, username, `${username}-password`)
      const c = await connect(svc.token)
      await c.next((m) => m.type === 'connected')
      const before = await admin.createTicket({ project: 'PUB', title: `seen by ${username}` })
      await c.next((m) => m.key === before.key)

      await end(svc)
      const after = await admin.createTicket({ project: 'PUB', title: `not for ${username}` })
      await expect.poll(() => c.closed).toEqual({ code: 1008, reason: 'session ended' })
      expect(c.messages.some((m) => m.key === after.key)).toBe(false)
    }
  })

  it('answers a malformed message with an error and stays open', async () => {
    const a = await connect(admin.token)
    a.ws.send('not json')
    expect(await a.next((m) => m.type === 'error')).toMatchObject({ error: expect.any(String) })
    a.send({ subscribe: ['PUB'] })
    await a.next((m) => m.type === 'subscribed')
  })

  it('refuses an upgrade without a valid token with 401', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/api/ws?token=forged`, {
        headers: {
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-version': '13',
          'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        },
      })
      req.on('response', (res) => resolve(res.statusCode ?? 0))
      req.on('upgrade', () => resolve(101))
      req.on('error', reject)
      req.end()
    })
    expect(status).toBe(401)
  })
})
