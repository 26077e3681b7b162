/** The reference's request field names (reference/api.md §1), taken beside ours. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../src/server/start.ts'
import { type Caller, caller } from '../support/http.ts'
import { signedIn, startTestServer } from '../support/server.ts'

let server: RunningServer
let api: Caller

beforeAll(async () => {
  server = await startTestServer()
  api = caller(server.url, (await signedIn(server)).token)
  await api('POST', '/api/projects', { prefix: 'REF', title: 'Reference fields' })
})
afterAll(() => server?.close())

const idOf = async (path: string) => ((await api('GET', path)).body as { id: number }).id

describe("the reference's field names", () => {
  it('teams: parent_team_id on create and update, user_id for a member', async () => {
    const top = (await api('POST', '/api/teams', { name: 'top' })).body as { id: number }
    const sub = await api('POST', '/api/teams', { name: 'sub', parent_team_id: top.id })
    expect(sub).toMatchObject({ status: 201, body: { parent_id: top.id } })
    await api('POST', '/api/teams', { name: 'other' })
    const other = await idOf('/api/teams/other')
    expect(await api('PUT', '/api/teams/sub', { parent_team_id: other })).toMatchObject({
      status: 200,
      body: { parent_id: other },
    })
    expect(await api('PUT', '/api/teams/sub', { parent_team_id: null })).toMatchObject({
      status: 200,
      body: { parent_id: null },
    })

    const u = (await api('POST', '/api/users', { username: 'tess', password: 'tess-password' }))
      .body as { user: { id: string } }
    const byId = await api('POST', '/api/teams/top/users', { user_id: u.user.id, role: 'owner' })
    expect(byId).toMatchObject({ status: 200 })
    const team = (await api('GET', '/api/teams/top')).body as {
      members: { username: string; role: string }[]
    }
    expect(team.members).toContainEqual(
      expect.objectContaining({ username: 'tess', role: 'owner' }),
    )
    // A username in user_id is taken as well.
    await api('POST', '/api/users', { username: 'uma', password: 'uma-password' })
    expect((await api('POST', '/api/teams/top/users', { user_id: 'uma' })).status).toBe(200)
  })

  it('projects: user_id for a member, team_id for a team', async () => {
    await api('POST', '/api/users', { username: 'vic', password: 'vic-password' })
    const m = await api('POST', '/api/projects/REF/users', { user_id: 'vic', role: 'viewer' })
    expect(m.status).toBe(200)
    const members = (await api('GET', '/api/projects/REF/users')).body as { username: string }[]
    expect(members.map((x) => x.username)).toContain('vic')

    await api('POST', '/api/teams', { name: 'ops' })
    const ops = await idOf('/api/teams/ops')
    const t = await api('POST', '/api/projects/REF/teams', { team_id: ops, role: 'editor' })
    expect(t.status).toBe(200)
    const teams = (await api('GET', '/api/projects/REF/teams')).body as { team_id: number }[]
    expect(teams.map((x) => x.team_id)).toContain(ops)
  })

  it('workflows: stage_name, role_id and sort_order on a stage; stage_ids to reorder', async () => {
    const role = (await api('POST', '/api/roles', { title: 'Checker', goals: 'check' })).body as {
      id: number
      name: string
    }
    expect(role).toMatchObject({ name: 'Checker', title: 'Checker', goals: 'check' })
    await api('POST', '/api/workflows', { name: 'flow' })
    const a = await api('POST', '/api/workflows/flow/stages', {
      stage_name: 'build',
      role_id: role.id,
      sort_order: 7,
    })
    expect(a.status).toBe(201)
    await api('POST', '/api/workflows/flow/stages', { stage_name: 'check', sort_order: 0 })
    let wf = (await api('GET', '/api/workflows/flow')).body as {
      stages: { id: number; name: string; role_id: number | null }[]
    }
    expect(wf.stages.map((s) => s.name)).toEqual(['check', 'build'])
    expect(wf.stages[1]).toMatchObject({ role_id: role.id })

    const ids = [...wf.stages].reverse().map((s) => s.id)
    expect((await api('PUT', '/api/workflows/flow/reorder', { stage_ids: ids })).status).toBe(200)
    wf = (await api('GET', '/api/workflows/flow')).body as typeof wf
    expect(wf.stages.map((s) => s.name)).toEqual(['build', 'check'])
  })

  it('tickets: order and status on update, comment for a comment, ticket_ref and project_id on claim', async () => {
    const t = (await api('POST', '/api/tickets', { project: 'REF', title: 'reordered' })).body as {
      key: string
    }
    const up = await api('PUT', `/api/tickets/${t.key}`, { order: 5, status: 'develop/idle' })
    expect(up).toMatchObject({ status: 200, body: { sort_order: 5, status: 'develop/idle' } })

    const c = await api('POST', `/api/tickets/${t.key}/comments`, { comment: 'from the reference' })
    expect(c).toMatchObject({ status: 201, body: { text: 'from the reference' } })

    const project = await idOf('/api/projects/REF')
    await api('POST', `/api/tickets/${t.key}/ready`)
    const claim = await api('POST', '/api/tickets/claim', {
      project_id: project,
      ticket_ref: t.key,
      dry_run: true,
    })
    expect(claim).toMatchObject({ status: 200, body: { ticket: { key: t.key } } })
  })

  it('stories and dependencies: project_id', async () => {
    const project = await idOf('/api/projects/REF')
    const s = await api('POST', '/api/stories', { project_id: project, title: 'a story' })
    expect(s).toMatchObject({ status: 201, body: { title: 'a story' } })
    expect((await api('GET', '/api/projects/REF/stories')).body).toContainEqual(
      expect.objectContaining({ title: 'a story' }),
    )

    const a = (await api('POST', '/api/tickets', { project: 'REF', title: 'a' })).body as {
      key: string
    }
    const b = (await api('POST', '/api/tickets', { project: 'REF', title: 'b' })).body as {
      key: string
    }
    const dep = await api('POST', '/api/dependencies', {
      project_id: project,
      ticket_id: a.key,
      depends_on: b.key,
    })
    expect(dep.status).toBe(201)
    const deps = (await api('GET', `/api/tickets/${a.key}/dependencies`)).body as {
      depends_on: { key: string }[]
    }
    expect(deps.depends_on.map((d) => d.key)).toEqual([b.key])
    await api('POST', '/api/projects', { prefix: 'ELS', title: 'Elsewhere' })
    const elsewhere = await idOf('/api/projects/ELS')
    const wrong = await api(
      'DELETE',
      `/api/dependencies?project_id=${elsewhere}&ticket_id=${a.key}&depends_on=${b.key}`,
    )
    expect(wrong.status).toBe(400)
    const gone = await api(
      'DELETE',
      `/api/dependencies?project_id=${project}&ticket_id=${a.key}&depends_on=${b.key}`,
    )
    expect(gone.status).toBe(200)
    expect((await api('GET', `/api/tickets/${a.key}/dependencies`)).body).toMatchObject({
      depends_on: [],
    })
  })
})

describe('both names at once', () => {
  it('takes both when they name the same thing', async () => {
    const project = await idOf('/api/projects/REF')
    const t = await api('POST', '/api/tickets', { project: 'ref', project_id: project, title: 'x' })
    expect(t).toMatchObject({ status: 201, body: { project_prefix: 'REF' } })
    const ops = await idOf('/api/teams/ops')
    const team = await api('POST', '/api/teams', {
      name: 'same',
      parent: 'OPS',
      parent_team_id: ops,
    })
    expect(team).toMatchObject({ status: 201, body: { parent_id: ops } })
  })

  it('refuses them with 400 when they disagree', async () => {
    await api('POST', '/api/projects', { prefix: 'TWO', title: 'Two' })
    const two = await idOf('/api/projects/TWO')
    const cases: [string, string, unknown][] = [
      ['POST', '/api/tickets', { project: 'REF', project_id: two, title: 'x' }],
      ['POST', '/api/stories', { project: 'REF', project_id: 'TWO', title: 'x' }],
      ['POST', '/api/teams', { name: 'clash', parent: 'top', parent_team_id: 999 }],
      ['POST', '/api/teams/top/users', { username: 'tess', user_id: 'uma' }],
      ['POST', '/api/workflows/flow/stages', { name: 'a', stage_name: 'b' }],
      ['PUT', '/api/tickets/REF-T-1', { sort_order: 1, order: 2 }],
      ['PUT', '/api/tickets/REF-T-1', { stage: 'test', status: 'develop/idle' }],
      ['POST', '/api/tickets/REF-T-1/comments', { text: 'a', comment: 'b' }],
      ['POST', '/api/tickets/claim', { ticket: 'REF-T-1', ticket_ref: 'REF-T-2' }],
      ['POST', '/api/tickets/claim', { project: 'REF', project_id: two }],
      ['PUT', '/api/teams/sub', { parent: 'top', parent_team_id: null }],
      ['POST', '/api/projects/REF/users', { username: 'vic', user_id: 'tess', role: 'viewer' }],
      ['POST', '/api/projects/REF/teams', { team: 'ops', team_id: 999, role: 'viewer' }],
      ['POST', '/api/workflows/flow/stages', { name: 'c', role: 'Checker', role_id: 999 }],
      ['POST', '/api/workflows/flow/stages', { name: 'c', position: 0, sort_order: 1 }],
      ['PUT', '/api/workflows/flow/reorder', { stages: ['build', 'check'], stage_ids: [1, 2] }],
      // Aliases that were taken before, now checked the same way.
      [
        'POST',
        '/api/tickets',
        { project: 'REF', title: 'x', parent: 'REF-T-1', parent_id: 'REF-T-2' },
      ],
      ['POST', '/api/tickets/REF-T-1/labels', { label: 'one', label_id: 999 }],
      ['POST', '/api/tickets/REF-T-1/workflow', { workflow: 'flow', workflow_id: 999 }],
      ['POST', '/api/teams/top/agents', { agent: 'a', agent_id: 'b' }],
      ['GET', `/api/count?project=REF&project_id=${two}`, undefined],
    ]
    for (const [method, path, body] of cases) {
      const r = await api(method, path, body)
      expect({ path, body, status: r.status }).toEqual({ path, body, status: 400 })
      expect(r.body).toMatchObject({ error: expect.stringContaining('disagree') })
    }
    // Nothing was made by the refused requests.
    expect((await api('GET', '/api/teams')).body).not.toContainEqual(
      expect.objectContaining({ name: 'clash' }),
    )
    const flow = (await api('GET', '/api/workflows/flow')).body as { stages: { name: string }[] }
    expect(flow.stages.map((x) => x.name)).toEqual(['build', 'check'])
  })

  it('still refuses unknown fields', async () => {
    const r = await api('POST', '/api/teams', { name: 'x', parent_team: 1 })
    expect(r.status).toBe(400)
  })
})
