import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../src/server/start.ts'
import { type Caller, caller, type Reply } from '../support/http.ts'
import { signedIn, startTestServer } from '../support/server.ts'

// docs/authorisation.md "Hidden and absent": what a caller may not see answers exactly what
// does not exist. Every name below has the length of the one it stands in for, so the whole
// response (status, headers, body) can be compared once the name itself is swapped.
let server: RunningServer
let eve: Caller

beforeAll(async () => {
  server = await startTestServer()
  const admin = await signedIn(server)
  await admin.createProject({ prefix: 'PRIV', title: 'Secret plans', visibility: 'private' })
  const secret = await admin.createTicket({ project: 'PRIV', title: 'secret' })
  await admin.createStory({ project: 'PRIV', title: 'secret story' })
  await admin.logTime({ ticket: secret.key, minutes: 5 })
  await admin.createUser({ username: 'eve', password: 'eve-password' })
  eve = caller(server.url, (await signedIn(server, 'eve', 'eve-password')).token)
  // eve's own project, where she may write, so that only the reference she names is hidden.
  await eve('POST', '/api/projects', { prefix: 'MINE', title: 'Mine is open' })
  await eve('POST', '/api/tickets', { project: 'MINE', title: 'mine' })
  await eve('POST', '/api/stories', { project: 'MINE', title: 'my story' })
})
afterAll(() => server?.close())

/**
 * The response with `name` written as `as`, and without the headers that must vary: the date,
 * and the request's id (a new UUID for every request, hidden or absent alike).
 */
// The change cursor counts every write on the server, whichever resource was asked for.
const VARYING = new Set(['date', 'x-request-id', 'x-change-cursor'])
const seen = (r: Reply, name: string, as: string) => ({
  status: r.status,
  headers: Object.fromEntries([...r.headers].filter(([k]) => !VARYING.has(k))),
  body: r.text.replaceAll(name, as),
})

/** Calls `request` for the hidden name and for each absent one; all must answer alike. */
async function alike(
  request: (name: string) => Promise<Reply>,
  hidden: string,
  absent: readonly string[],
  status = 404,
) {
  const h = await request(hidden)
  expect(h.status, h.text).toBe(status)
  for (const a of absent) expect(seen(await request(a), a, hidden), a).toEqual(seen(h, '', ''))
}

const PROJECT = ['PRIV', ['NOPE']] as const
// An unknown project, and an unknown ticket of the hidden project.
const TICKET = ['PRIV-T-1', ['NOPE-T-1', 'PRIV-T-9']] as const
const STORY = ['1', ['9']] as const

describe('hidden and absent answer alike', () => {
  const projectRoutes: [string, (p: string) => Promise<Reply>][] = [
    ['GET /api/projects/{p}', (p) => eve('GET', `/api/projects/${p}`)],
    ['GET /api/projects/{p}/tickets', (p) => eve('GET', `/api/projects/${p}/tickets`)],
    ['GET /api/projects/{p}/summary', (p) => eve('GET', `/api/projects/${p}/summary`)],
    ['GET /api/projects/{p}/board', (p) => eve('GET', `/api/projects/${p}/board`)],
    ['PATCH /api/projects/{p}', (p) => eve('PATCH', `/api/projects/${p}`, { notes: 'x' })],
    [
      'POST /api/projects/{p}/labels',
      (p) => eve('POST', `/api/projects/${p}/labels`, { name: 'x' }),
    ],
    ['GET /api/tickets?project=', (p) => eve('GET', `/api/tickets?project=${p}`)],
    ['GET /api/history?project=', (p) => eve('GET', `/api/history?project=${p}`)],
    ['GET /api/count?project=', (p) => eve('GET', `/api/count?project=${p}`)],
    ['POST /api/tickets {project}', (p) => eve('POST', '/api/tickets', { project: p, title: 'x' })],
    ['POST /api/stories {project}', (p) => eve('POST', '/api/stories', { project: p, title: 'x' })],
  ]
  for (const [name, request] of projectRoutes)
    it(`projects: ${name}`, () => alike(request, ...PROJECT))

  const ticketRoutes: [string, (t: string) => Promise<Reply>][] = [
    ['GET /api/tickets/{t}', (t) => eve('GET', `/api/tickets/${t}`)],
    ['PATCH /api/tickets/{t}', (t) => eve('PATCH', `/api/tickets/${t}`, { title: 'x' })],
    ['GET /api/tickets/{t}/comments', (t) => eve('GET', `/api/tickets/${t}/comments`)],
    ['POST /api/tickets/{t}/close', (t) => eve('POST', `/api/tickets/${t}/close`)],
    ['GET /api/tickets?parent=', (t) => eve('GET', `/api/tickets?parent=${t}`)],
    ['GET /api/history?ticket=', (t) => eve('GET', `/api/history?ticket=${t}`)],
    [
      'POST /api/tickets {parent}',
      (t) => eve('POST', '/api/tickets', { project: 'MINE', title: 'x', parent: t }),
    ],
    ['POST …/parent', (t) => eve('POST', '/api/tickets/MINE-T-1/parent', { parent: t })],
    [
      'POST …/dependencies',
      (t) => eve('POST', '/api/tickets/MINE-T-1/dependencies', { depends_on: t }),
    ],
    [
      'POST /api/dependencies',
      (t) => eve('POST', '/api/dependencies', { ticket_id: 'MINE-T-1', depends_on: t }),
    ],
    ['POST /api/requirements {sources}', (t) => eve('POST', '/api/requirements', { sources: [t] })],
    ['POST /api/stories/{id}/tickets', (t) => eve('POST', '/api/stories/2/tickets', { ticket: t })],
  ]
  for (const [name, request] of ticketRoutes)
    it(`tickets: ${name}`, () => alike(request, ...TICKET))

  const storyRoutes: [string, (id: string) => Promise<Reply>][] = [
    ['GET /api/stories/{id}', (id) => eve('GET', `/api/stories/${id}`)],
    ['PATCH /api/stories/{id}', (id) => eve('PATCH', `/api/stories/${id}`, { title: 'x' })],
    ['DELETE /api/stories/{id}', (id) => eve('DELETE', `/api/stories/${id}`)],
    ['DELETE /api/time/{id}', (id) => eve('DELETE', `/api/time/${id}`)],
  ]
  for (const [name, request] of storyRoutes) it(`by id: ${name}`, () => alike(request, ...STORY))

  it('refuses a taken prefix or title in the same words, seen or not', async () => {
    const create = (prefix: string, title: string) =>
      eve('POST', '/api/projects', { prefix, title })
    await alike((p) => create(p, 'A brand new one'), 'PRIV', ['MINE'], 409)
    await alike((t) => create('FRESH', t), 'Secret plans', ['Mine is open'], 409)
    const rename = (title: string) => eve('PATCH', '/api/projects/MINE', { title })
    const r = await rename('Secret plans')
    expect(r.body).toEqual({
      error: 'project title "Secret plans" is unavailable',
      hint: 'choose another title: each is used once across all projects, including ones you cannot see',
    })
  })
})
