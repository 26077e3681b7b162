/**
 * The original's response fields (reference/api.md §1, §4.3) beside ours, over HTTP: where an
 * answer of ours has another shape, a client written for the original still finds its fields.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../src/server/start.ts'
import { type Caller, caller } from '../support/http.ts'
import { signedIn, startTestServer } from '../support/server.ts'

let server: RunningServer
let api: Caller

beforeAll(async () => {
  server = await startTestServer()
  api = caller(server.url, (await signedIn(server)).token)
  await api('POST', '/api/projects', { prefix: 'OLD', title: 'Original shapes' })
})
afterAll(() => server?.close())

type T = { key: string; project_id: number }
const ticket = async (title: string, extra: object = {}) =>
  (await api('POST', '/api/tickets', { project: 'OLD', title, ...extra })).body as T

describe("the original's response fields", () => {
  it('dependencies: the pair on create, and status on delete', async () => {
    const a = await ticket('a')
    const b = await ticket('b')
    const made = await api('POST', '/api/dependencies', {
      project_id: a.project_id,
      ticket_id: a.key.toLowerCase(),
      depends_on: b.key,
    })
    expect(made.status).toBe(201)
    expect(made.body).toMatchObject({ ticket_id: a.key, project_id: a.project_id })
    // Ours beside them: the tickets it waits on.
    expect(made.body).toMatchObject({ depends_on: [{ key: b.key }], blocks: [] })
    const gone = await api('DELETE', `/api/dependencies?ticket_id=${a.key}&depends_on=${b.key}`)
    expect(gone).toMatchObject({
      status: 200,
      body: { status: 'deleted', ticket_id: a.key, depends_on: [] },
    })
  })

  it('time total: total beside minutes', async () => {
    const t = await ticket('timed')
    await api('POST', `/api/tickets/${t.key}/time`, { minutes: 25 })
    await api('POST', `/api/tickets/${t.key}/time`, { minutes: 5 })
    expect((await api('GET', `/api/tickets/${t.key}/time/total`)).body).toMatchObject({
      total: 30,
      minutes: 30,
    })
  })

  it('a new stage: the WorkflowStage fields beside the workflow', async () => {
    await api('POST', '/api/workflows', { name: 'kanban' })
    const r = await api('POST', '/api/workflows/kanban/stages', {
      stage_name: 'Todo',
      sort_order: 0,
    })
    expect(r.status).toBe(201)
    const body = r.body as { id: number; stages: { id: number }[] }
    expect(body).toMatchObject({
      workflow_stage_id: body.stages[0]!.id,
      workflow_id: body.id,
      stage_name: 'todo',
      role_id: null,
      role_title: '',
      sort_order: 0,
    })
  })

  it('user create: the User fields at the top, user_id among them', async () => {
    const r = await api('POST', '/api/users', { username: 'olga', password: 'olga-password' })
    expect(r.status).toBe(201)
    const body = r.body as { user: { id: string } }
    expect(body).toMatchObject({
      user_id: body.user.id,
      username: 'olga',
      role: 'user',
      enabled: true,
      user_type: 'user',
      email: '',
      display_name: 'olga',
    })
    expect(body).toHaveProperty('created_at')
    expect(body).not.toHaveProperty('password_hash')
  })

  it('team agents: agent_id, agent_uuid, enabled and status', async () => {
    const agent = (await api('POST', '/api/agents', {})).body as { agent: { id: string } }
    await api('POST', '/api/teams', { name: 'bots' })
    const added = await api('POST', '/api/teams/bots/agents', { agent_id: agent.agent.id })
    const expected = {
      agent_id: agent.agent.id,
      agent_uuid: agent.agent.id,
      enabled: true,
      status: 'idle',
    }
    expect(added).toMatchObject({ status: 200, body: expected })
    expect((await api('GET', '/api/teams/bots/agents')).body).toEqual([
      expect.objectContaining(expected),
    ])
  })

  it('claim: project, parents, workflow and role; a dry run previews the claim', async () => {
    const epic = await ticket('Accounts', { type: 'epic' })
    const t = await ticket('Reset password', { parent: epic.key })
    await api('POST', `/api/tickets/${t.key}/stage`, { stage: 'develop' })
    const dry = await api('POST', '/api/tickets/claim', { ticket_id: t.key, dry_run: true })
    expect(dry.body).toMatchObject({
      status: 'AVAILABLE',
      ticket: { key: t.key, assignee: null, state: 'idle' },
      preview: { key: t.key, assignee: 'admin', state: 'active', status: 'develop/active' },
      project: { prefix: 'OLD' },
      parents: [{ key: epic.key }],
      workflow: { stages: ['design', 'develop', 'test', 'done'] },
      role: { name: 'Lead Engineer' },
    })
    // Nothing was saved by the dry run.
    expect((await api('GET', `/api/tickets/${t.key}?brief=1`)).body).toMatchObject({
      assignee: null,
    })
    const claimed = await api('POST', '/api/tickets/claim', { ticket_id: t.key })
    expect(claimed.body).toMatchObject({
      status: 'ASSIGNED',
      ticket: { assignee: 'admin', state: 'active' },
      project: { prefix: 'OLD' },
      parents: [{ key: epic.key }],
    })
    expect(claimed.body).not.toHaveProperty('preview')
  })
})
