/** Request shapes the original's scripts send (reference/api.md), against the real server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../src/server/start.ts'
import { type Caller, caller } from '../support/http.ts'
import { signedIn, startTestServer } from '../support/server.ts'

let server: RunningServer
let admin: Caller
let viewer: Caller

type T = { key: string; assignee: string | null; parent_id: string | null; title: string }

beforeAll(async () => {
  server = await startTestServer()
  admin = caller(server.url, (await signedIn(server)).token)
  await admin('POST', '/api/users', { username: 'val', password: 'val-password' })
  await admin('POST', '/api/projects/TK/users', { user_id: 'val', role: 'viewer' })
  viewer = caller(server.url, (await signedIn(server, 'val', 'val-password')).token)
})
afterAll(() => server?.close())

const create = async (body: Record<string, unknown>) =>
  (await admin('POST', '/api/tickets', { project: 'TK', ...body })).body as T

describe('PUT /api/tickets/:ref with the original body', () => {
  it('assigns and re-parents, as the dedicated routes do', async () => {
    const epic = await create({ title: 'Epic', type: 'epic' })
    const other = await create({ title: 'Other epic', type: 'epic' })
    const t = await create({ title: 'Task', parent: epic.key })
    const project = ((await admin('GET', '/api/projects/TK')).body as { id: number }).id
    // Everything the original's client sends back on an edit.
    const full = {
      project_id: project,
      parent_id: other.key,
      type: 'task',
      title: 'Task, renamed',
      description: 'now with words',
      acceptance_criteria: '',
      git_repository: '',
      git_branch: '',
      status: 'design/idle',
      priority: 2,
      order: 0,
      estimate_effort: 0,
      estimate_complete: '',
      assignee: 'admin',
      message: 'moved under the other epic',
    }
    const r = await admin('PUT', `/api/tickets/${t.key}`, full)
    expect(r).toMatchObject({
      status: 200,
      body: { title: 'Task, renamed', parent_id: other.key, assignee: 'admin', priority: 2 },
    })
    const got = (await admin('GET', `/api/tickets/${t.key}`)).body as {
      comments: { text: string }[]
    }
    expect(got.comments.map((c) => c.text)).toEqual(['moved under the other epic'])
    // The same again changes nothing; "" takes the assignee and the parent away.
    expect((await admin('PUT', `/api/tickets/${t.key}`, full)).status).toBe(200)
    const cleared = await admin('PUT', `/api/tickets/${t.key}`, { assignee: '', parent_id: '' })
    expect(cleared).toMatchObject({ status: 200, body: { assignee: null, parent_id: null } })
  })

  it('refuses what the dedicated routes refuse, with the same status', async () => {
    const epic = await create({ title: 'Parent', type: 'epic' })
    const t = await create({ title: 'Child' })
    for (const [route, put] of [
      [{ path: 'assign', body: { assignee: 'admin' } }, { assignee: 'admin' }],
      [{ path: 'parent', body: { parent: epic.key } }, { parent_id: epic.key }],
    ] as const) {
      const dedicated = await viewer('POST', `/api/tickets/${t.key}/${route.path}`, route.body)
      const viaPut = await viewer('PUT', `/api/tickets/${t.key}`, put)
      expect(dedicated.status).toBeGreaterThanOrEqual(400)
      expect(viaPut.status).toBe(dedicated.status)
    }
    // A task cannot parent an epic, whichever route asks.
    const bad = await admin('PUT', `/api/tickets/${epic.key}`, { parent_id: t.key })
    const badRoute = await admin('POST', `/api/tickets/${epic.key}/parent`, { parent: t.key })
    expect(bad.status).toBe(badRoute.status)
    expect(bad.body).toEqual(badRoute.body)
    // One update is one change: a refused parent leaves the title as it was.
    const mixed = await admin('PUT', `/api/tickets/${epic.key}`, { title: 'x', parent_id: t.key })
    expect(mixed.status).toBe(bad.status)
    expect(((await admin('GET', `/api/tickets/${epic.key}`)).body as T).title).toBe('Parent')
  })

  it('takes project_id and type when they describe the ticket, and refuses a change of either', async () => {
    const t = await create({ title: 'Stays put' })
    expect(
      (await admin('PUT', `/api/tickets/${t.key}`, { project_id: 'TK', type: 'task' })).status,
    ).toBe(400)
    expect(
      (await admin('PUT', `/api/tickets/${t.key}`, { project_id: 'TK', type: 'task', title: 'ok' }))
        .status,
    ).toBe(200)
    const moved = await admin('PUT', `/api/tickets/${t.key}`, { project_id: 999, title: 'x' })
    expect(moved.status).toBe(400)
    expect((moved.body as { error: string }).error).toContain('cannot move')
    const retyped = await admin('PUT', `/api/tickets/${t.key}`, { type: 'bug', title: 'x' })
    expect(retyped.status).toBe(400)
    expect((retyped.body as { hint: string }).hint).toContain('leave "type" out')
  })
})

describe('GET /api/tickets/:ref', () => {
  it('includes the latest comments and history, newest first; ?brief=1 leaves them out', async () => {
    const t = await create({ title: 'Talked about' })
    for (let i = 1; i <= 25; i++)
      await admin('POST', `/api/tickets/${t.key}/comments`, { text: `note ${i}` })
    const full = (await admin('GET', `/api/tickets/${t.key}`)).body as {
      comments: { text: string }[]
      history: { event_type: string }[]
    }
    // Bounded: the last 20 of each.
    expect(full.comments).toHaveLength(20)
    expect(full.comments[0]!.text).toBe('note 25')
    expect(full.comments[19]!.text).toBe('note 6')
    expect(full.history).toHaveLength(20)
    expect(full.history[0]!.event_type).toBe('comment_added')
    for (const brief of ['1', 'true', 'yes']) {
      const short = (await admin('GET', `/api/tickets/${t.key}?brief=${brief}`)).body as object
      expect(short).not.toHaveProperty('comments')
      expect(short).not.toHaveProperty('history')
      expect(short).toHaveProperty('key', t.key)
    }
  })
})

describe('query strings', () => {
  it('take 1/0 (and yes/no) as booleans', async () => {
    const t = await create({ title: 'Archived one' })
    await admin('POST', `/api/tickets/${t.key}/archive`)
    const keys = async (q: string) =>
      ((await admin('GET', `/api/tickets?project=TK&limit=0${q}`)).body as T[]).map((x) => x.key)
    expect(await keys('&include_archived=1')).toContain(t.key)
    expect(await keys('&include_archived=yes')).toContain(t.key)
    expect(await keys('&include_archived=0')).not.toContain(t.key)
    expect(await keys('&include_archived=true')).toContain(t.key)
    const bad = await admin('GET', '/api/tickets?include_archived=perhaps')
    expect(bad.status).toBe(400)
    expect(bad.body).toHaveProperty('error')
  })
})

describe('members named by id', () => {
  it('DELETE /api/projects/:p/users/:id and /api/teams/:t/users/:id take ids and usernames', async () => {
    const add = async (username: string) =>
      (
        (await admin('POST', '/api/users', { username, password: `${username}-password` }))
          .body as {
          user: { id: string }
        }
      ).user.id
    const [wes, xia] = [await add('wes'), await add('xia')]
    await admin('POST', '/api/projects/TK/users', { username: 'wes', role: 'editor' })
    await admin('POST', '/api/projects/TK/users', { username: 'xia', role: 'editor' })
    await admin('POST', '/api/teams', { name: 'crew' })
    await admin('POST', '/api/teams/crew/users', { username: 'wes' })
    await admin('POST', '/api/teams/crew/users', { username: 'xia' })

    expect((await admin('DELETE', `/api/projects/TK/users/${wes}`)).status).toBe(200)
    expect((await admin('DELETE', '/api/projects/TK/users/xia')).status).toBe(200)
    const members = (await admin('GET', '/api/projects/TK/users')).body as { username: string }[]
    expect(members.map((m) => m.username)).not.toContain('wes')
    expect(members.map((m) => m.username)).not.toContain('xia')

    expect((await admin('DELETE', `/api/teams/crew/users/${xia}`)).status).toBe(200)
    expect((await admin('DELETE', '/api/teams/crew/users/wes')).status).toBe(200)
    const crew = (await admin('GET', '/api/teams/crew/users')).body as { username: string }[]
    expect(crew.map((m) => m.username)).toEqual(['admin'])
    // Someone who is not a member is still refused.
    const gone = await admin('DELETE', `/api/teams/crew/users/${wes}`)
    expect(gone.status).toBeGreaterThanOrEqual(400)
    expect(gone.status).toBeLessThan(500)
  })
})

describe('POST /api/projects with only a title', () => {
  it('derives the prefix as the original does, and another when that is taken', async () => {
    const a = await admin('POST', '/api/projects', { title: 'Customer Portal' })
    expect(a).toMatchObject({ status: 201, body: { prefix: 'CPCUS', title: 'Customer Portal' } })
    const b = await admin('POST', '/api/projects', { title: 'Customer Pages' })
    expect(b).toMatchObject({ status: 201, body: { prefix: 'CPCUA' } })
    const t = await admin('POST', '/api/tickets', { project: 'CPCUA', title: 'works' })
    expect(t).toMatchObject({ status: 201, body: { key: 'CPCUA-T-1' } })
  })
})

describe('PUT /api/stories/:id with the original body', () => {
  it("takes project_id when it is the story's project, and refuses a move", async () => {
    const project = ((await admin('GET', '/api/projects/TK')).body as { id: number }).id
    const s = (await admin('POST', '/api/stories', { project_id: project, title: 'Story' }))
      .body as { id: number }
    const ok = await admin('PUT', `/api/stories/${s.id}`, {
      project_id: project,
      title: 'Story, renamed',
      description: 'why',
    })
    expect(ok).toMatchObject({ status: 200, body: { title: 'Story, renamed', description: 'why' } })
    expect(
      (await admin('PUT', `/api/stories/${s.id}`, { project_id: 'TK', title: 'x' })).status,
    ).toBe(200)
    const moved = await admin('PUT', `/api/stories/${s.id}`, { project_id: 999, title: 'y' })
    expect(moved.status).toBe(400)
    expect((moved.body as { error: string }).error).toContain('cannot move')
    // A viewer is refused as on any other story change.
    expect(
      (await viewer('PUT', `/api/stories/${s.id}`, { project_id: project, title: 'z' })).status,
    ).toBe((await viewer('PUT', `/api/stories/${s.id}`, { title: 'z' })).status)
  })
})
