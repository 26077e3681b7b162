import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HttpService } from '../../src/client/http-service.ts'
import type { RunningServer } from '../../src/server/start.ts'
import { newAgent, readyTickets } from '../support/agents.ts'
import { caller } from '../support/http.ts'
import { signedIn, startTestServer } from '../support/server.ts'

let server: RunningServer
let admin: HttpService

beforeAll(async () => {
  server = await startTestServer()
  admin = await signedIn(server)
  await admin.createUser({ username: 'bob', password: 'bob-password' })
})
afterAll(() => server.close())

const basic = (id: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${id}:${password}`).toString('base64')}`,
})

describe('agent accounts (admin)', () => {
  it('creates an agent with a UUID and a generated password shown once', async () => {
    const made = await admin.createAgent({ display_name: 'builder' })
    expect(made.agent.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(made.agent).toMatchObject({
      username: made.agent.id,
      user_type: 'agent',
      status: 'idle',
    })
    expect(made.password).toHaveLength(32)
    const listed = await admin.listAgents()
    expect(listed.find((a) => a.id === made.agent.id)).toMatchObject({ display_name: 'builder' })
    expect(JSON.stringify(listed)).not.toContain(made.password)
    expect(JSON.stringify(listed)).not.toContain('password_hash')
  })

  it('updates, disables, enables, resets, configures and deletes', async () => {
    const { agent } = await admin.createAgent({ password: 'first-password' })
    const call = caller(server.url)
    expect(
      (await call('POST', '/api/agents/register', {}, basic(agent.id, 'first-password'))).status,
    ).toBe(200)
    await admin.updateAgent(agent.id, { password: 'second-password' })
    expect(
      (await call('POST', '/api/agents/register', {}, basic(agent.id, 'first-password'))).status,
    ).toBe(401)
    expect(
      (await call('POST', '/api/agents/register', {}, basic(agent.id, 'second-password'))).status,
    ).toBe(200)
    expect(await admin.setAgentEnabled(agent.id, false)).toMatchObject({
      enabled: false,
      status: 'disabled',
    })
    const refused = await call(
      'POST',
      '/api/agents/heartbeat',
      {},
      basic(agent.id, 'second-password'),
    )
    expect(refused.status).toBe(403)
    expect(await admin.setAgentEnabled(agent.id, true)).toMatchObject({
      enabled: true,
      status: 'idle',
    })
    const reset = await admin.resetAgentPassword(agent.id)
    expect(
      (await call('POST', '/api/agents/register', {}, basic(agent.id, reset.password))).status,
    ).toBe(200)
    await admin.setAgentConfig(agent.id, 'llm', 'codex')
    await admin.setAgentConfig(agent.id, 'project', 'AG')
    expect((await admin.listAgentConfig(agent.id)).map((e) => `${e.key}=${e.value}`)).toEqual([
      'llm=codex',
      'project=AG',
    ])
    await admin.deleteAgentConfig(agent.id, 'llm')
    expect(await admin.listAgentConfig(agent.id)).toHaveLength(1)
    await admin.deleteAgent(agent.id)
    expect((await admin.listAgents()).some((a) => a.id === agent.id)).toBe(false)
  })

  it('takes a create request without a body', async () => {
    const r = await caller(server.url, admin.token)('POST', '/api/agents')
    expect(r.status).toBe(201)
  })

  it('refuses people who are not admins, and anonymous callers', async () => {
    const bob = await signedIn(server, 'bob', 'bob-password')
    await expect(bob.listAgents()).rejects.toMatchObject({ code: 'forbidden' })
    await expect(bob.createAgent({})).rejects.toMatchObject({ code: 'forbidden' })
    const anonymous = caller(server.url)
    expect((await anonymous('GET', '/api/agents')).status).toBe(401)
    expect((await anonymous('POST', '/api/agents/request', {})).status).toBe(401)
  })
})

describe('the work protocol (HTTP Basic)', () => {
  it('answers 401 for a wrong password or an unknown agent', async () => {
    const { agent } = await admin.createAgent({ password: 'right-password' })
    const call = caller(server.url)
    const wrong = await call('POST', '/api/agents/request', {}, basic(agent.id, 'wrong-password'))
    expect(wrong).toMatchObject({ status: 401, body: { error: 'invalid credentials' } })
    const unknown = await call('POST', '/api/agents/request', {}, basic('nobody', 'x'))
    expect(unknown.status).toBe(401)
  })

  it('names the missing credentials, refuses unknown statuses and ids that are not agents', async () => {
    const call = caller(server.url)
    expect(await call('POST', '/api/agents/register')).toMatchObject({
      status: 401,
      body: { error: 'basic auth required' },
    })
    const { agent, password } = await admin.createAgent({})
    const bad = await call(
      'POST',
      '/api/agents/heartbeat',
      { status: 'asleep' },
      basic(agent.id, password),
    )
    expect(bad.status).toBe(400)
    await expect(admin.setAgentEnabled('admin', false)).rejects.toMatchObject({ code: 'not_found' })
  })

  it('is for agents only: a person gets 403', async () => {
    const bob = await signedIn(server, 'bob', 'bob-password')
    await expect(bob.requestWork({})).rejects.toMatchObject({ code: 'forbidden' })
  })

  it('hands out work by the claim rules: ready, develop/idle, unblocked, priority first', async () => {
    const keys = await readyTickets(admin, 'WK', 3)
    await admin.updateTicket(keys[2]!, { priority: 1 })
    await admin.addDependency(keys[0]!, keys[1]!)
    const { api, id } = await newAgent(server, admin, 'WK')
    const dry = await api.requestWork({ project: 'WK', dry_run: true })
    expect(dry).toMatchObject({ status: 'NEW', claim: 'AVAILABLE', ticket: { key: keys[2] } })
    expect((await admin.getTicket(keys[2]!)).assignee).toBeNull()
    const first = await api.requestWork({ project: 'WK' })
    expect(first).toMatchObject({
      status: 'NEW',
      claim: 'ASSIGNED',
      ticket: { key: keys[2], assignee: id },
    })
    expect(first.project).toMatchObject({ prefix: 'WK' })
    expect(first.workflow?.stages).toContain('develop')
    expect(first.lease_expires_at).not.toBeNull()
    const again = await api.requestWork({ project: 'WK' })
    expect(again).toMatchObject({ status: 'CURRENT', ticket: { key: keys[2] } })
    const beat = await api.heartbeat('working')
    expect(beat.lease_expires_at! >= first.lease_expires_at!).toBe(true)
    const done = await api.reportWork(keys[2]!, {
      outcome: 'success',
      result: 'all done',
      wall_ms: 90_000,
    })
    expect(done).toMatchObject({ status: 'test/idle', assignee: null })
    expect((await admin.listComments(keys[2]!)).map((c) => c.text)).toEqual(['all done'])
    // 90 s of wall time is logged as two minutes.
    expect((await admin.getTicket(keys[2]!)).time_minutes).toBe(2)
    // keys[0] waits on keys[1], so keys[1] comes next.
    expect((await api.requestWork({ project: 'WK' })).ticket?.key).toBe(keys[1])
  })

  it('refuses a report on a ticket the agent does not hold', async () => {
    const [key] = await readyTickets(admin, 'NH', 1)
    const { api } = await newAgent(server, admin, 'NH')
    await expect(api.reportWork(key!, { outcome: 'success', result: 'x' })).rejects.toMatchObject({
      code: 'conflict',
    })
  })

  it('takes a named ticket, and says why when it cannot', async () => {
    const [a, b] = await readyTickets(admin, 'NT', 2)
    const one = await newAgent(server, admin, 'NT')
    const two = await newAgent(server, admin, 'NT')
    expect((await one.api.requestWork({ ticket: b! })).ticket?.key).toBe(b)
    const refused = await two.api.requestWork({ ticket: b! })
    expect(refused).toMatchObject({ status: 'NONE', claim: 'REJECTED' })
    expect(refused.reason).toContain('assigned to')
    expect((await two.api.requestWork({ ticket: a! })).ticket?.key).toBe(a)
  })

  it('hands out work from projects where the agent’s team may write', async () => {
    await readyTickets(admin, 'TM', 1)
    const { agent, password } = await admin.createAgent({})
    await admin.createTeam({ name: 'Bots' })
    await admin.addTeamAgent('Bots', agent.username)
    await admin.addProjectTeam('TM', { team: 'Bots', role: 'editor' })
    const { HttpService } = await import('../../src/client/http-service.ts')
    const api = new HttpService({ url: server.url, agent: { id: agent.id, password } })
    expect(await api.requestWork({ project: 'TM', dry_run: true })).toMatchObject({
      status: 'NEW',
      ticket: { key: 'TM-T-1' },
    })
  })

  it('does not hand out work from projects the agent is not a member of', async () => {
    await readyTickets(admin, 'PRV', 1)
    const { agent, password } = await admin.createAgent({})
    const { HttpService } = await import('../../src/client/http-service.ts')
    const api = new HttpService({ url: server.url, agent: { id: agent.id, password } })
    expect((await api.requestWork({})).status).toBe('NONE')
  })
})

describe('failed Basic sign-ins', () => {
  it('are limited per address like logins, before any password is hashed', async () => {
    const limited = await startTestServer({ loginsPerMinute: 3 })
    try {
      const owner = await signedIn(limited)
      const { agent, password } = await owner.createAgent({})
      const call = caller(limited.url)
      // The owner's login spent one of the address's 3 sign-ins; failures spend the rest.
      for (let i = 0; i < 2; i++)
        expect(
          (await call('POST', '/api/agents/register', {}, basic(agent.id, 'wrong'))).status,
        ).toBe(401)
      const refused = await call('POST', '/api/agents/register', {}, basic(agent.id, password))
      expect(refused).toMatchObject({ status: 429, body: { error: 'too many failed sign-ins' } })
    } finally {
      await limited.close()
    }
  })
})
