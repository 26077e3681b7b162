import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HttpService } from '../../src/client/http-service.ts'
import type { RunningServer } from '../../src/server/start.ts'
import { type Caller, caller } from '../support/http.ts'
import { signedIn, startTestServer } from '../support/server.ts'

// docs/authorisation.md "Granting access through teams": every path by which a project role is
// inherited needs authority over what it grants, and teams name only projects the caller reads.
let server: RunningServer
let admin: HttpService
const as = {} as Record<'lead' | 'owner' | 'newbie' | 'viewer', Caller>
let n = 0

beforeAll(async () => {
  server = await startTestServer()
  admin = await signedIn(server)
  for (const name of ['lead', 'owner', 'newbie', 'viewer'] as const) {
    await admin.createUser({ username: name, password: `${name}-password` })
    as[name] = caller(server.url, (await signedIn(server, name, `${name}-password`)).token)
  }
  await admin.createUser({ username: 'robot', user_type: 'agent' })
})
afterAll(() => server?.close())

/**
 * A private project with one ticket; team `priv` holds `role` on it; team `out` is led by
 * `lead` (its owner) and has no role anywhere; `owner` owns the project directly.
 */
async function world(role: 'viewer' | 'editor' = 'viewer') {
  const i = n++
  const p = `PV${String.fromCharCode(65 + i)}`
  const [priv, out, sub] = [`priv${i}`, `out${i}`, `sub${i}`]
  await admin.createProject({ prefix: p, title: `Private ${i}`, visibility: 'private' })
  await admin.addProjectMember(p, { username: 'owner', role: 'owner' })
  await admin.addProjectMember(p, { username: 'viewer', role: 'viewer' })
  const ticket = (await admin.createTicket({ project: p, title: 'secret' })).key
  await admin.createTeam({ name: priv })
  await admin.createTeam({ name: sub, parent: priv })
  await admin.createTeam({ name: out })
  await admin.addProjectTeam(p, { team: priv, role })
  await admin.addTeamMember(out, { username: 'lead', role: 'owner' })
  return { p, ticket, priv, out, sub }
}

describe('granting project roles through teams', () => {
  it('refuses a team owner who puts their team under a team with a role on a private project', async () => {
    const w = await world()
    for (const parent of [w.priv, w.sub]) {
      const r = await as.lead('PATCH', `/api/teams/${w.out}`, { parent })
      expect(r.status, r.text).toBe(403)
      expect(r.text).not.toContain(w.p)
    }
    expect((await as.lead('PUT', `/api/teams/${w.out}`, { parent: w.priv })).status).toBe(403)
    expect((await admin.getTeam(w.out)).parent_id).toBeNull()
    expect((await as.lead('GET', `/api/tickets/${w.ticket}`)).status).toBe(404)
  })

  it('lets an owner of every project the new parent reaches, or an admin, attach under it', async () => {
    const w = await world()
    await admin.addTeamMember(w.out, { username: 'owner', role: 'owner' })
    const r = await as.owner('PATCH', `/api/teams/${w.out}`, { parent: w.sub })
    expect(r.status, r.text).toBe(200)
    expect((await as.lead('GET', `/api/tickets/${w.ticket}`)).status).toBe(200)
    const v = await world()
    const a = await caller(server.url, admin.token)('PATCH', `/api/teams/${v.out}`, {
      parent: v.priv,
    })
    expect(a.status, a.text).toBe(200)
  })

  it('refuses a team owner who adds people or agents to a team with a role they do not own', async () => {
    const w = await world('editor')
    // lead owns team priv and so edits the project through it, but does not own the project.
    await admin.addTeamMember(w.priv, { username: 'lead', role: 'owner' })
    expect((await as.lead('GET', `/api/tickets/${w.ticket}`)).status).toBe(200)
    const member = await as.lead('POST', `/api/teams/${w.priv}/users`, { username: 'newbie' })
    expect(member.status, member.text).toBe(403)
    const agent = await as.lead('POST', `/api/teams/${w.priv}/agents`, { agent: 'robot' })
    expect(agent.status, agent.text).toBe(403)
    // A team below it passes the same roles on.
    await admin.addTeamMember(w.sub, { username: 'lead', role: 'owner' })
    const below = await as.lead('POST', `/api/teams/${w.sub}/users`, { username: 'newbie' })
    expect(below.status, below.text).toBe(403)
    expect((await as.newbie('GET', `/api/tickets/${w.ticket}`)).status).toBe(404)
    expect((await admin.getTeam(w.priv)).agents).toEqual([])
  })

  it('lets a project owner fill a team, and a team owner change roles of existing members', async () => {
    const w = await world('editor')
    await admin.addTeamMember(w.priv, { username: 'owner', role: 'owner' })
    const added = await as.owner('POST', `/api/teams/${w.priv}/users`, { username: 'newbie' })
    expect(added.status, added.text).toBe(200)
    expect((await as.newbie('GET', `/api/tickets/${w.ticket}`)).status).toBe(200)
    expect((await as.owner('POST', `/api/teams/${w.priv}/agents`, { agent: 'robot' })).status).toBe(
      200,
    )
    await admin.addTeamMember(w.priv, { username: 'lead', role: 'owner' })
    const promoted = await as.lead('POST', `/api/teams/${w.priv}/users`, {
      username: 'newbie',
      role: 'owner',
      job_title: 'SRE',
    })
    expect(promoted.status, promoted.text).toBe(200)
  })

  it('lets a team owner add people when the team only views public projects', async () => {
    const w = await world()
    await admin.updateProject(w.p, { visibility: 'public' })
    await admin.addTeamMember(w.priv, { username: 'lead', role: 'owner' })
    const r = await as.lead('POST', `/api/teams/${w.priv}/users`, { username: 'newbie' })
    expect(r.status, r.text).toBe(200)
  })

  it('lets only an owner of the project give a team a role on it', async () => {
    const w = await world()
    const body = { team: w.out, role: 'editor' }
    expect((await as.viewer('POST', `/api/projects/${w.p}/teams`, body)).status).toBe(403)
    expect((await as.lead('POST', `/api/projects/${w.p}/teams`, body)).status).toBe(404)
    expect((await as.lead('GET', `/api/tickets/${w.ticket}`)).status).toBe(404)
    expect((await as.owner('POST', `/api/projects/${w.p}/teams`, body)).status).toBe(200)
    expect((await as.lead('GET', `/api/tickets/${w.ticket}`)).status).toBe(200)
  })
})

describe('projects named by teams and summaries', () => {
  it('lists only the projects a team has a role on that the caller may read', async () => {
    const w = await world()
    for (const path of [`/api/teams/${w.priv}`, `/api/teams/${w.sub}`, '/api/teams']) {
      const r = await as.lead('GET', path)
      expect(r.status).toBe(200)
      expect(r.text, path).not.toContain(w.p)
    }
    expect((await as.lead('GET', `/api/teams/${w.priv}`)).body).toMatchObject({ projects: [] })
    expect((await as.viewer('GET', `/api/teams/${w.priv}`)).body).toMatchObject({
      projects: [{ prefix: w.p, role: 'viewer' }],
    })
  })

  it('counts only readable projects in a summary', async () => {
    await world()
    const pub = `PB${String.fromCharCode(65 + n++)}`
    await admin.createProject({ prefix: pub, title: `Public ${pub}` })
    const visible = ((await as.lead('GET', '/api/projects')).body as unknown[]).length
    const summary = await as.lead('GET', `/api/projects/${pub}/summary`)
    expect(summary.body).toMatchObject({ projects: visible })
    expect((await as.lead('GET', '/api/count')).body).toMatchObject({ projects: visible })
  })
})
