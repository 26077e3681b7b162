import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../src/server/start.ts'
import { type Caller, caller } from '../support/http.ts'
import { signedIn, startTestServer } from '../support/server.ts'

let server: RunningServer
let api: Caller

beforeAll(async () => {
  server = await startTestServer()
  api = caller(server.url, (await signedIn(server)).token)
})
afterAll(() => server?.close())

describe('routes: happy paths', () => {
  it('creates a project and works a ticket through its life', async () => {
    const p = await api('POST', '/api/projects', { prefix: 'cus', title: 'Customer Portal' })
    expect(p).toMatchObject({ status: 201, body: { prefix: 'CUS', visibility: 'public' } })
    const epic = await api('POST', '/api/tickets', { project: 'CUS', title: 'Auth', type: 'epic' })
    expect(epic).toMatchObject({ status: 201, body: { key: 'CUS-E-1', status: 'design/idle' } })
    const t = await api('POST', '/api/tickets', {
      project_id: 'CUS',
      title: 'Reset password',
      parent_id: 'CUS-E-1',
      priority: 2,
    })
    expect(t.body).toMatchObject({ key: 'CUS-T-2', parent_id: 'CUS-E-1', priority: 2 })

    const got = await api('GET', '/api/tickets/cus-2')
    expect(got.body).toMatchObject({ key: 'CUS-T-2', children: [], depends_on: [] })
    const patched = await api('PATCH', '/api/tickets/CUS-T-2', { description: 'by email' })
    expect(patched.body).toMatchObject({ description: 'by email', title: 'Reset password' })
    expect(
      (await api('POST', '/api/tickets/CUS-T-2/stage', { stage: 'develop' })).body,
    ).toMatchObject({ status: 'develop/idle' })
    expect((await api('POST', '/api/tickets/CUS-T-2/ready')).body).toMatchObject({ ready: true })
    const next = (await api('GET', '/api/next?project=CUS')).body as { key: string }[]
    expect(next.map((x) => x.key)).toEqual(['CUS-T-2'])
    const claim = await api('POST', '/api/tickets/claim', { project: 'CUS' })
    expect(claim.body).toMatchObject({
      status: 'ASSIGNED',
      ticket: { key: 'CUS-T-2', assignee: 'admin' },
    })
    expect((await api('GET', '/api/tickets/CUS-E-1')).body).toMatchObject({
      status: 'develop/active',
    })
    const c = await api('POST', '/api/tickets/CUS-T-2/comments', { text: 'on it' })
    expect(c).toMatchObject({ status: 201, body: { author: 'admin', text: 'on it' } })
    const done = await api('POST', '/api/tickets/CUS-T-2/state', { state: 'success' })
    expect(done.body).toMatchObject({ status: 'test/idle' })
    const conv = (await api('GET', '/api/tickets/CUS-T-2/conversation')).body as { kind: string }[]
    expect(conv.map((e) => e.kind)).toContain('comment')
    const close = await api('POST', '/api/tickets/CUS-T-2/close', { message: 'shipped' })
    expect(close.body).toMatchObject({ open: false })
    const comments = (await api('GET', '/api/tickets/CUS-T-2/comments')).body as { text: string }[]
    expect(comments.map((x) => x.text)).toEqual(['on it', 'shipped'])
  })

  it('lists with filters, searches, pages, and draws trees', async () => {
    await api('POST', '/api/projects', { prefix: 'LST', title: 'Lists' })
    for (const title of ['alpha one', 'beta two', 'gamma three'])
      await api('POST', '/api/tickets', { project: 'LST', title })
    await api('POST', '/api/tickets', { project: 'LST', title: 'a bug', type: 'bug' })
    const all = (await api('GET', '/api/projects/LST/tickets')).body as { key: string }[]
    expect(all).toHaveLength(4)
    const bugs = (await api('GET', '/api/tickets?project=LST&type=bug')).body as { key: string }[]
    expect(bugs.map((b) => b.key)).toEqual(['LST-B-4'])
    const paged = await api('GET', '/api/tickets?project=LST&limit=2&offset=1&total=true')
    expect(paged.body).toHaveLength(2)
    expect(paged.headers.get('x-total-count')).toBe('4')
    const found = (await api('GET', '/api/tickets?project=LST&q=beta')).body as { key: string }[]
    expect(found.map((f) => f.key)).toEqual(['LST-T-2'])
    const byStatus = (await api('GET', '/api/tickets?project=LST&status=design/idle')).body
    expect(byStatus).toHaveLength(4)
    // The project's route answers a page; the whole tree is `/api/tree?project=`.
    const tree = await api('GET', '/api/projects/LST/tree?limit=3')
    expect(tree.body).toMatchObject({ total: 4, children: {} })
    expect((tree.body as { tickets: unknown[] }).tickets).toHaveLength(3)
    const rest = (await api('GET', '/api/projects/LST/tree?after=LST-T-3')).body
    expect(rest).toMatchObject({ tickets: [{ key: 'LST-B-4' }], total: 4 })
    expect((await api('GET', '/api/projects/LST/tree?limit=0')).status).toBe(400)
    expect((await api('GET', '/api/tree?project=LST')).body).toHaveLength(4)
    const history = (await api('GET', '/api/projects/LST/history')).body as { event_type: string }[]
    expect(history.map((h) => h.event_type)).toContain('ticket_created')
  })

  it('links and unlinks dependencies both ways the API allows', async () => {
    await api('POST', '/api/projects', { prefix: 'DEP', title: 'Deps' })
    await api('POST', '/api/tickets', { project: 'DEP', title: 'a' })
    await api('POST', '/api/tickets', { project: 'DEP', title: 'b' })
    const added = await api('POST', '/api/tickets/DEP-T-1/dependencies', { depends_on: 'DEP-T-2' })
    expect(added.status).toBe(201)
    expect((await api('GET', '/api/projects/DEP/blocked')).body).toMatchObject([
      { ticket: { key: 'DEP-T-1' }, blocked_by: ['DEP-T-2'] },
    ])
    const cycle = await api('POST', '/api/dependencies', {
      ticket_id: 'DEP-T-2',
      depends_on: 'DEP-T-1',
    })
    expect(cycle.status).toBe(409)
    const removed = await api('DELETE', '/api/dependencies?ticket_id=DEP-T-1&depends_on=DEP-T-2')
    expect(removed.body).toMatchObject({ depends_on: [] })
  })

  it('manages users and project members', async () => {
    const u = await api('POST', '/api/users', { username: 'erin', password: 'erin-password' })
    expect(u).toMatchObject({ status: 201, body: { user: { username: 'erin', role: 'user' } } })
    const users = (await api('GET', '/api/users')).body as { username: string }[]
    expect(users.map((x) => x.username)).toEqual(['admin', 'erin'])
    await api('POST', '/api/projects', { prefix: 'MEM', title: 'Members' })
    const m = await api('POST', '/api/projects/MEM/users', { username: 'erin', role: 'editor' })
    expect(m.body).toMatchObject({ username: 'erin', role: 'editor' })
    const members = (await api('GET', '/api/projects/MEM/users')).body as { username: string }[]
    expect(members.map((x) => x.username)).toEqual(['admin', 'erin'])
    expect((await api('DELETE', '/api/projects/MEM/users/admin')).status).toBe(409)
    expect((await api('DELETE', '/api/projects/MEM/users/erin')).body).toEqual({
      status: 'deleted',
    })
    expect((await api('DELETE', '/api/users/erin')).body).toEqual({ status: 'deleted' })
  })

  it("answers the reference's id-only forms: a label, a workflow stage, a team's agents", async () => {
    await api('POST', '/api/projects', { prefix: 'REF', title: 'Reference forms' })
    const label = (await api('POST', '/api/projects/REF/labels', { name: 'gone-soon' })).body as {
      id: number
    }
    expect(await api('DELETE', `/api/labels/${label.id}`)).toMatchObject({
      status: 200,
      body: { status: 'deleted' },
    })
    expect((await api('GET', '/api/projects/REF/labels')).body).toEqual([])
    expect(await api('DELETE', `/api/labels/${label.id}`)).toMatchObject({
      status: 404,
      body: { error: `label ${label.id} not found` },
    })
    expect((await api('DELETE', '/api/labels/abc')).status).toBe(400)

    await api('POST', '/api/workflows', { name: 'short' })
    await api('POST', '/api/workflows/short/stages', { name: 'build' })
    const added = (await api('POST', '/api/workflows/short/stages', { name: 'ship' })).body as {
      stages: { id: number; name: string }[]
    }
    const stage = added.stages.find((s) => s.name === 'build')!
    expect((await api('DELETE', `/api/workflows/stages/${stage.id}`)).status).toBe(200)
    const wf = (await api('GET', '/api/workflows/short')).body as { stages: { name: string }[] }
    expect(wf.stages.map((s) => s.name)).toEqual(['ship'])
    expect((await api('DELETE', `/api/workflows/stages/${stage.id}`)).status).toBe(404)

    await api('POST', '/api/teams', { name: 'crew' })
    const agent = (await api('POST', '/api/agents', {})).body as { agent: { id: string } }
    await api('POST', '/api/teams/crew/agents', { agent_id: agent.agent.id })
    const agents = (await api('GET', '/api/teams/crew/agents')).body as { user_id: string }[]
    expect(agents.map((a) => a.user_id)).toEqual([agent.agent.id])
  })

  it('describes itself: health, OpenAPI, docs and the front page', async () => {
    expect((await api('GET', '/api/healthz')).body).toMatchObject({ status: 'ok' })
    const doc = (await api('GET', '/api/openapi.json')).body as {
      openapi: string
      paths: Record<string, unknown>
    }
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/tickets', '/api/tickets/{ref}', '/api/projects/{project}']),
    )
    expect((await api('GET', '/api/docs')).status).toBeLessThan(400)
    const home = await api('GET', '/')
    expect(home.headers.get('content-type')).toMatch(/text\/html/)
    expect(home.text).toContain('/api/docs')
  })
})

describe('routes: errors', () => {
  it('answers malformed input with 400 and a message', async () => {
    const bad = (body: string) =>
      api('POST', '/api/projects', body, { 'content-type': 'application/json' })
    expect(await bad('{"prefix":')).toMatchObject({
      status: 400,
      body: { error: 'invalid json body' },
    })
    // An empty JSON body is no body (what a browser sends to a route that takes none).
    expect(await bad('')).toMatchObject({ status: 400, body: { error: 'body must be object' } })
    expect(await bad('[]')).toMatchObject({ status: 400 })
    const unknown = await api('POST', '/api/projects', { prefix: 'ZZ', title: 'z', colour: 'red' })
    expect(unknown).toMatchObject({
      status: 400,
      body: { error: 'unknown field "colour" in body' },
    })
    const missing = await api('POST', '/api/projects', { prefix: 'ZZ' })
    expect(missing).toMatchObject({ status: 400, body: { error: 'body needs the field "title"' } })
    const typed = await api('POST', '/api/tickets', { project: 'TK', title: 5 })
    expect(typed).toMatchObject({ status: 400, body: { error: 'body.title must be string' } })
    const long = await api('POST', '/api/tickets', { project: 'TK', title: 'x'.repeat(600) })
    expect(long).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/limit is 500/) },
    })
    expect((await api('PATCH', '/api/tickets/TK-T-1', {})).body).toMatchObject({
      error: 'nothing to update',
    })
    const q = await api('GET', '/api/tickets?limit=-1')
    expect(q.status).toBe(400)
    const extraQuery = await api('GET', '/api/tickets?colour=red')
    expect(extraQuery).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/colour/) },
    })
    const ref = await api('GET', '/api/tickets/not-a-ref!')
    expect(ref.status).toBe(400)
  })

  it('answers missing auth with 401, unknown things with 404, and conflicts with 409', async () => {
    expect((await caller(server.url)('GET', '/api/tickets')).status).toBe(401)
    expect((await caller(server.url, 'forged-token')('GET', '/api/tickets')).status).toBe(401)
    expect(await api('GET', '/api/tickets/TK-T-999')).toMatchObject({
      status: 404,
      body: { error: 'ticket TK-T-999 not found' },
    })
    expect((await api('GET', '/api/projects/NOPE')).status).toBe(404)
    expect(await api('GET', '/api/no/such/route')).toMatchObject({
      status: 404,
      body: { error: 'no route for GET /api/no/such/route' },
    })
    expect((await api('POST', '/api/projects', { prefix: 'TK', title: 'Other' })).status).toBe(409)
    await api('POST', '/api/projects', { prefix: 'CON', title: 'Conflicts' })
    await api('POST', '/api/tickets', { project: 'CON', title: 'parent', type: 'epic' })
    await api('POST', '/api/tickets', { project: 'CON', title: 'child', parent: 'CON-E-1' })
    const parent = await api('DELETE', '/api/tickets/CON-E-1')
    expect(parent).toMatchObject({
      status: 409,
      body: { error: expect.stringMatching(/children/) },
    })
    const derived = await api('POST', '/api/tickets/CON-E-1/state', { state: 'active' })
    expect(derived.status).toBe(409)
  })

  it('refuses unknown fields on clone and routes that take no body; accepts nothing or {}', async () => {
    await api('POST', '/api/projects', { prefix: 'NOB', title: 'No body' })
    const t = (await api('POST', '/api/tickets', { project: 'NOB', title: 'to clone' })).body as {
      key: string
    }
    const noted = await api('POST', `/api/tickets/${t.key}/clone`, { message: 'copied for v2' })
    expect(noted.status).toBe(201)
    const clone = (noted.body as { key: string }).key
    const comments = (await api('GET', `/api/tickets/${clone}/comments`)).body as { text: string }[]
    expect(comments.map((c) => c.text)).toEqual(['copied for v2'])
    const refused = await api('POST', `/api/tickets/${t.key}/clone`, { bogus: 1 })
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({ error: expect.stringContaining('bogus') })
    expect((await api('GET', '/api/projects/NOB/tickets')).body).toHaveLength(2)
    expect((await api('POST', `/api/tickets/${t.key}/clone`)).status).toBe(201)
    expect((await api('POST', `/api/tickets/${t.key}/clone`, {})).status).toBe(201)
    expect((await api('DELETE', `/api/tickets/${t.key}`, { force: true })).status).toBe(400)
  })

  it('bounds bodies at 1 MB and wants a JSON object', async () => {
    const big = await api('POST', '/api/tickets', {
      project: 'TK',
      title: 't',
      description: 'x'.repeat(1_100_000),
    })
    expect(big).toMatchObject({ status: 413, body: { error: expect.stringMatching(/too large/) } })
    const text = await api('POST', '/api/projects', 'prefix=AB', { 'content-type': 'text/plain' })
    expect(text).toMatchObject({
      status: 415,
      body: { error: 'send the body as application/json' },
    })
  })
})
