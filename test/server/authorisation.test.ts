import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HttpService } from '../../src/client/http-service.ts'
import type { RunningServer } from '../../src/server/start.ts'
import { type DialectName, TEST_DIALECTS } from '../support/dialects.ts'
import { type Caller, caller } from '../support/http.ts'
import { signedIn, startTestServer as startServer } from '../support/server.ts'

// docs/authorisation.md, route by route: each case runs once per role on a fresh private project.
const ROLES = ['anonymous', 'outsider', 'viewer', 'editor', 'owner', 'admin'] as const
type Role = (typeof ROLES)[number]
type Level = 'public' | 'signed' | 'read' | 'write' | 'manage' | 'admin-project' | 'admin'

const OK = 'ok' as const
const EXPECTED: Record<Level, Record<Role, number | typeof OK>> = {
  public: { anonymous: OK, outsider: OK, viewer: OK, editor: OK, owner: OK, admin: OK },
  signed: { anonymous: 401, outsider: OK, viewer: OK, editor: OK, owner: OK, admin: OK },
  read: { anonymous: 401, outsider: 404, viewer: OK, editor: OK, owner: OK, admin: OK },
  write: { anonymous: 401, outsider: 404, viewer: 403, editor: OK, owner: OK, admin: OK },
  manage: { anonymous: 401, outsider: 404, viewer: 403, editor: 403, owner: OK, admin: OK },
  'admin-project': {
    anonymous: 401,
    outsider: 404,
    viewer: 403,
    editor: 403,
    owner: 403,
    admin: OK,
  },
  admin: { anonymous: 401, outsider: 403, viewer: 403, editor: 403, owner: 403, admin: OK },
}

/** A private project P with epic E, task A (depends on C), task B under E, C, and R ready to claim. */
type Fixture = { p: string; e: string; a: string; b: string; c: string; r: string; n: number }
type Case = [
  level: Level,
  method: string,
  path: (f: Fixture) => string,
  body?: (f: Fixture) => unknown,
]

const CASES: Case[] = [
  ['public', 'GET', () => '/api/healthz'],
  ['public', 'GET', () => '/api/status'],
  ['signed', 'GET', () => '/api/projects'],
  ['signed', 'POST', () => '/api/projects', (f) => ({ prefix: pfx(f.n + 5000), title: `T${f.n}` })],
  ['signed', 'GET', () => '/api/tickets'],
  ['signed', 'GET', () => '/api/history'],
  ['signed', 'GET', () => '/api/next'],
  ['signed', 'POST', () => '/api/tickets/claim', () => ({ dry_run: true })],
  ['read', 'GET', (f) => `/api/projects/${f.p}`],
  ['read', 'GET', (f) => `/api/projects/${f.p}/tickets`],
  ['read', 'GET', (f) => `/api/projects/${f.p}/tickets?q=task`],
  ['read', 'GET', (f) => `/api/projects/${f.p}/history`],
  ['read', 'GET', (f) => `/api/projects/${f.p}/orphans`],
  ['read', 'GET', (f) => `/api/projects/${f.p}/blocked`],
  ['read', 'GET', (f) => `/api/projects/${f.p}/tree`],
  ['manage', 'GET', (f) => `/api/projects/${f.p}/users`],
  ['manage', 'GET', (f) => `/api/projects/${f.p}/teams`],
  ['read', 'GET', (f) => `/api/projects/${f.p}/stories`],
  ['read', 'GET', (f) => `/api/projects/${f.p}/requirements`],
  ['write', 'POST', () => '/api/stories', (f) => ({ project: f.p, title: 'a story' })],
  ['write', 'POST', (f) => `/api/tickets/${f.a}/workflow`, () => ({ workflow: 'yolo' })],
  ['manage', 'POST', (f) => `/api/projects/${f.p}/workflow`, () => ({ workflow: 'yolo' })],
  ['signed', 'GET', () => '/api/workflows'],
  ['signed', 'GET', () => '/api/count'],
  ['read', 'GET', (f) => `/api/count?project=${f.p}`],
  ['read', 'GET', (f) => `/api/projects/${f.p}/board`],
  ['read', 'GET', (f) => `/api/projects/${f.p}/summary`],
  ['read', 'GET', (f) => `/api/projects/${f.p}/labels`],
  ['read', 'GET', (f) => `/api/projects/${f.p}/doctor`],
  ['read', 'GET', (f) => `/api/tickets/${f.a}/labels`],
  ['read', 'GET', (f) => `/api/tickets/${f.a}/time`],
  ['read', 'GET', (f) => `/api/tickets/${f.a}/time/total`],
  ['read', 'GET', (f) => `/api/tickets/${f.a}/doctor`],
  ['write', 'POST', (f) => `/api/projects/${f.p}/labels`, () => ({ name: 'urgent' })],
  ['write', 'POST', (f) => `/api/tickets/${f.a}/time`, () => ({ minutes: 15 })],
  ['write', 'POST', (f) => `/api/tickets/${f.a}/clone`],
  ['write', 'POST', (f) => `/api/tickets/${f.a}/health`, () => ({ score: 2 })],
  ['write', 'POST', (f) => `/api/tickets/${f.a}/health/check`],
  ['write', 'POST', (f) => `/api/projects/${f.p}/health`],
  ['admin', 'GET', () => '/api/doctor'],
  ['admin', 'GET', () => '/api/export'],
  ['signed', 'GET', () => '/api/roles'],
  ['signed', 'GET', () => '/api/teams'],
  ['admin', 'POST', () => '/api/workflows', (f) => ({ name: `wf${f.n}` })],
  ['admin', 'POST', () => '/api/roles', (f) => ({ name: `role${f.n}` })],
  ['admin', 'POST', () => '/api/teams', (f) => ({ name: `team${f.n}` })],
  ['read', 'GET', (f) => `/api/tree?project=${f.p}`],
  ['read', 'GET', (f) => `/api/tree?ticket=${f.e}`],
  ['read', 'GET', (f) => `/api/tickets?project=${f.p}`],
  ['read', 'GET', (f) => `/api/history?project=${f.p}`],
  ['read', 'GET', (f) => `/api/history?ticket=${f.a}`],
  ['read', 'GET', (f) => `/api/next?project=${f.p}`],
  ['read', 'GET', (f) => `/api/tickets/${f.a}`],
  ['read', 'GET', (f) => `/api/tickets/${f.a}/comments`],
  ['read', 'GET', (f) => `/api/tickets/${f.a}/history`],
  ['read', 'GET', (f) => `/api/tickets/${f.a}/conversation`],
  ['read', 'GET', (f) => `/api/tickets/${f.a}/dependencies`],
  ['write', 'POST', () => '/api/tickets', (f) => ({ project: f.p, title: 'new' })],
  ['write', 'PATCH', (f) => `/api/tickets/${f.a}`, () => ({ title: 'renamed' })],
  ['write', 'PUT', (f) => `/api/tickets/${f.a}`, () => ({ priority: 1 })],
  ['write', 'DELETE', (f) => `/api/tickets/${f.b}`],
  ['write', 'POST', (f) => `/api/tickets/${f.a}/close`],
  ['write', 'POST', (f) => `/api/tickets/${f.a}/open`],
  ['write', 'POST', (f) => `/api/tickets/${f.a}/archive`, () => ({ message: 'bye' })],
  ['write', 'POST', (f) => `/api/tickets/${f.a}/unarchive`],
  ['write', 'POST', (f) => `/api/tickets/${f.a}/ready`],
  ['write', 'POST', (f) => `/api/tickets/${f.a}/notready`],
  ['write', 'POST', (f) => `/api/tickets/${f.a}/state`, () => ({ state: 'fail' })],
  ['write', 'POST', (f) => `/api/tickets/${f.a}/stage`, () => ({ stage: 'develop' })],
  ['write', 'POST', (f) => `/api/tickets/${f.a}/parent`, (f) => ({ parent: f.e })],
  ['write', 'DELETE', (f) => `/api/tickets/${f.b}/parent`],
  ['write', 'POST', (f) => `/api/tickets/${f.a}/assign`, () => ({ assignee: 'editor' })],
  ['write', 'POST', (f) => `/api/tickets/${f.a}/unassign`],
  ['write', 'POST', (f) => `/api/tickets/${f.a}/comments`, () => ({ text: 'hello' })],
  ['write', 'POST', (f) => `/api/tickets/${f.a}/dependencies`, (f) => ({ depends_on: f.b })],
  ['write', 'DELETE', (f) => `/api/tickets/${f.a}/dependencies/${f.c}`],
  ['write', 'POST', () => '/api/dependencies', (f) => ({ ticket_id: f.a, depends_on: f.b })],
  ['write', 'DELETE', (f) => `/api/dependencies?ticket_id=${f.a}&depends_on=${f.c}`],
  ['write', 'POST', () => '/api/tickets/claim', (f) => ({ ticket: f.r })],
  ['manage', 'PATCH', (f) => `/api/projects/${f.p}`, () => ({ description: 'x' })],
  ['manage', 'PUT', (f) => `/api/projects/${f.p}`, () => ({ notes: 'y' })],
  ['manage', 'POST', (f) => `/api/projects/${f.p}/disable`],
  ['manage', 'POST', (f) => `/api/projects/${f.p}/enable`],
  [
    'manage',
    'POST',
    (f) => `/api/projects/${f.p}/users`,
    () => ({ username: 'outsider', role: 'viewer' }),
  ],
  ['manage', 'DELETE', (f) => `/api/projects/${f.p}/users/viewer`],
  ['manage', 'POST', (f) => `/api/projects/${f.p}/teams`, () => ({ team: 'crew', role: 'editor' })],
  ['admin-project', 'DELETE', (f) => `/api/projects/${f.p}`],
  ['admin', 'GET', () => '/api/users'],
  ['admin', 'POST', () => '/api/users', (f) => ({ username: `u${f.n}`, password: 'password-1' })],
  ['admin', 'POST', () => '/api/users/outsider/enable'],
  ['admin', 'POST', () => '/api/users/spare/reset-password', () => ({ password: 'password-2' })],
  ['admin', 'POST', () => '/api/config/registration', () => ({ enabled: true })],
]

const pfx = (n: number) =>
  `P${String.fromCharCode(65 + (Math.floor(n / 676) % 26))}${String.fromCharCode(65 + (Math.floor(n / 26) % 26))}${String.fromCharCode(65 + (n % 26))}`

let server: RunningServer
let admin: HttpService
const callers = {} as Record<Role, Caller>
let counter = 0

async function setUp(dialect: DialectName) {
  server = await startServer({ dialect })
  admin = await signedIn(server)
  callers.anonymous = caller(server.url)
  callers.admin = caller(server.url, admin.token)
  await admin.createTeam({ name: 'crew' })
  for (const role of ['outsider', 'viewer', 'editor', 'owner', 'spare'] as const) {
    await admin.createUser({ username: role, password: `${role}-password` })
    if (role === 'spare') continue
    callers[role] = caller(server.url, (await signedIn(server, role, `${role}-password`)).token)
  }
}

async function fixture(): Promise<Fixture> {
  const n = counter++
  const p = pfx(n)
  await admin.createProject({ prefix: p, title: `Project ${n}`, visibility: 'private' })
  for (const role of ['viewer', 'editor', 'owner'] as const)
    await admin.addProjectMember(p, { username: role, role })
  const e = (await admin.createTicket({ project: p, title: 'epic', type: 'epic' })).key
  const a = (await admin.createTicket({ project: p, title: 'task a' })).key
  const b = (await admin.createTicket({ project: p, title: 'task b', parent: e })).key
  const c = (await admin.createTicket({ project: p, title: 'task c' })).key
  const r = (await admin.createTicket({ project: p, title: 'task r' })).key
  await admin.addDependency(a, c)
  await admin.setStage(r, 'develop')
  await admin.setFlag(r, 'ready', true)
  return { p, e, a, b, c, r, n }
}

function authorisationCases() {
  for (const [level, method, path, body] of CASES) {
    const name = `${method} ${path({ p: '{p}', e: '{e}', a: '{a}', b: '{b}', c: '{c}', r: '{r}', n: 0 })}`
    it(`${name}: ${level}`, async () => {
      const got: Record<string, number | typeof OK> = {}
      for (const role of ROLES) {
        const f = await fixture()
        const r = await callers[role](method, path(f), body?.(f))
        got[role] = r.status >= 200 && r.status < 300 ? OK : r.status
        if (r.status >= 400) expect(r.body, `${role}: ${r.text}`).toHaveProperty('error')
      }
      expect(got).toEqual(EXPECTED[level])
    })
  }

  it('tells each caller their own role on a project they can read', async () => {
    const f = await fixture()
    for (const role of ['viewer', 'editor', 'owner'] as const)
      expect((await callers[role]('GET', `/api/projects/${f.p}`)).body).toMatchObject({ role })
    expect((await callers.admin('GET', `/api/projects/${f.p}`)).body).toMatchObject({
      role: 'owner',
    })
  })

  it('hides private projects from the lists, searches and history of non-members', async () => {
    const f = await fixture()
    const outsider = callers.outsider
    const projects = (await outsider('GET', '/api/projects')).body as { prefix: string }[]
    expect(projects.map((p) => p.prefix)).not.toContain(f.p)
    const tickets = (await outsider('GET', '/api/tickets?limit=0')).body as { key: string }[]
    expect(tickets.some((t) => t.key.startsWith(`${f.p}-`))).toBe(false)
    // A page's query is compiled once per shape (decision 0040): each caller's own projects
    // are bound into it, whoever asked first.
    const page = (await outsider('GET', '/api/tickets')).body as { key: string }[]
    expect(page.some((t) => t.key.startsWith(`${f.p}-`))).toBe(false)
    const viewerPage = (await callers.viewer('GET', '/api/tickets')).body as { key: string }[]
    expect(viewerPage.some((t) => t.key.startsWith(`${f.p}-`))).toBe(true)
    const outsiderAgain = (await outsider('GET', '/api/tickets')).body as { key: string }[]
    expect(outsiderAgain.some((t) => t.key.startsWith(`${f.p}-`))).toBe(false)
    const found = (await outsider('GET', '/api/tickets?q=task')).body as { key: string }[]
    expect(found.some((t) => t.key.startsWith(`${f.p}-`))).toBe(false)
    const history = (await outsider('GET', '/api/history?limit=0')).body as { ticket_key: string }[]
    expect(history.some((h) => h.ticket_key?.startsWith(`${f.p}-`))).toBe(false)
    const viewer = (await callers.viewer('GET', '/api/projects')).body as { prefix: string }[]
    expect(viewer.map((p) => p.prefix)).toContain(f.p)
  })

  it('lets only the claimant (or an admin) give a claim up', async () => {
    const f = await fixture()
    await admin.claim({ ticket: f.r })
    expect((await callers.editor('POST', `/api/tickets/${f.r}/unclaim`)).status).toBe(403)
    const claimed = await callers.editor('POST', '/api/tickets/claim', { ticket: f.c })
    expect(claimed.body).toMatchObject({ status: 'ASSIGNED', ticket: { assignee: 'editor' } })
    expect((await callers.owner('POST', `/api/tickets/${f.c}/unclaim`)).status).toBe(403)
    expect((await callers.editor('POST', `/api/tickets/${f.c}/unclaim`)).status).toBe(200)
    expect((await callers.admin('POST', `/api/tickets/${f.r}/unclaim`)).status).toBe(200)
  })

  it('refuses to assign a ticket to someone who may not work in the project', async () => {
    const f = await fixture()
    const r = await callers.admin('POST', `/api/tickets/${f.a}/assign`, { assignee: 'viewer' })
    expect(r.status).toBe(409)
    expect(r.body).toMatchObject({ error: `viewer may not work in project ${f.p}` })
  })

  it('treats a public project as readable, not writable, by every signed-in user', async () => {
    const f = await fixture()
    await admin.updateProject(f.p, { visibility: 'public' })
    expect((await callers.outsider('GET', `/api/tickets/${f.a}`)).status).toBe(200)
    const w = await callers.outsider('PATCH', `/api/tickets/${f.a}`, { title: 'x' })
    expect(w.status).toBe(403)
  })
}

for (const dialect of TEST_DIALECTS)
  describe(`${dialect}: authorisation matrix (docs/authorisation.md)`, () => {
    beforeAll(() => setUp(dialect), 60_000)
    afterAll(() => server?.close())
    authorisationCases()
  })
