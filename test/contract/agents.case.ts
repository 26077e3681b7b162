import { describe, expect, it, onTestFinished } from 'vitest'
import type { TicketService } from '../../src/service/ticket-service.ts'
import { expectError } from './ticket-service.case.ts'

/** An admin's service, and a way to act as an agent of the same workspace. */
export type AgentWorld = {
  readonly admin: TicketService
  asAgent(id: string, password: string): Promise<TicketService>
  close(): Promise<void>
}

/**
 * Agents as every TicketService implementation must treat them: accounts, the work protocol
 * (request, report, release) and breakdowns. The reaper and leases over time are the server's
 * and are tested against it (test/agent/lease.test.ts).
 */
export function describeAgents(name: string, open: () => Promise<AgentWorld>) {
  const world = async () => {
    const w = await open()
    onTestFinished(() => w.close())
    return w
  }
  /** A project with `n` ready tickets and an agent that may work in it. */
  const ready = async (n: number) => {
    const w = await world()
    await w.admin.createProject({ prefix: 'AG', title: 'Agents' })
    const keys: string[] = []
    for (let i = 1; i <= n; i++) {
      const t = await w.admin.createTicket({ project: 'AG', title: `T${i}` })
      await w.admin.setStage(t.key, 'develop')
      await w.admin.setFlag(t.key, 'ready', true)
      keys.push(t.key)
    }
    const { agent, password } = await w.admin.createAgent({ display_name: 'bot' })
    await w.admin.addProjectMember('AG', { username: agent.username, role: 'editor' })
    return { ...w, keys, id: agent.username, agent: await w.asAgent(agent.username, password) }
  }

  describe(`${name}: agent accounts`, () => {
    it('creates, lists, configures, disables and deletes agents', async () => {
      const { admin } = await world()
      const { agent, password } = await admin.createAgent({})
      expect(agent).toMatchObject({ user_type: 'agent', status: 'idle', enabled: true })
      expect(password.length).toBeGreaterThanOrEqual(24)
      expect((await admin.listAgents()).map((a) => a.username)).toEqual([agent.username])
      await admin.setAgentConfig(agent.username, 'LLM', 'codex')
      expect(await admin.listAgentConfig(agent.username)).toMatchObject([
        { key: 'llm', value: 'codex' },
      ])
      await expectError(admin.setAgentConfig(agent.username, 'bad key!', 'x'), 'invalid')
      await admin.deleteAgentConfig(agent.username, 'llm')
      await expectError(admin.deleteAgentConfig(agent.username, 'llm'), 'not_found')
      expect(await admin.setAgentEnabled(agent.username, false)).toMatchObject({
        enabled: false,
        status: 'disabled',
      })
      const reset = await admin.resetAgentPassword(agent.username, 'a-new-password')
      expect(reset.password).toBe('a-new-password')
      await expectError(admin.updateAgent(agent.username, {}), 'invalid')
      await admin.deleteAgent(agent.username)
      expect(await admin.listAgents()).toEqual([])
      await expectError(admin.deleteAgent(agent.username), 'not_found')
      await expectError(admin.setAgentEnabled('admin', true), 'not_found')
    })

    it("names an agent by its display name in a ticket's comments and history", async () => {
      const w = await ready(1)
      const key = w.keys[0]!
      await w.agent.addComment(key, 'on it')
      await w.admin.addComment(key, 'thanks')
      const shown = await w.admin.getTicketWithRecords(key)
      expect(shown.comments.map((c) => [c.text, c.author, c.author_name])).toEqual([
        ['thanks', 'admin', undefined],
        ['on it', w.id, 'bot'],
      ])
      const byAgent = shown.history.filter((e) => e.actor === w.id)
      expect(byAgent.map((e) => [e.event_type, e.actor_name])).toEqual([['comment_added', 'bot']])
      expect(shown.history.find((e) => e.actor === 'admin')).not.toHaveProperty('actor_name')
      expect(shown.comments).toEqual((await w.admin.listComments(key, 20)).reverse())
      expect(shown.history).toEqual(
        (await w.admin.listHistory({ ticket: key, limit: 20 })).reverse(),
      )
    })

    it('keeps what an agent is for: a description given at creation, changed and cleared', async () => {
      const { admin } = await world()
      const { agent } = await admin.createAgent({ display_name: 'rev', description: 'Reviews PRs' })
      expect(agent.description).toBe('Reviews PRs')
      const changed = await admin.updateAgent(agent.username, { description: ' Writes tests ' })
      expect(changed).toMatchObject({ description: 'Writes tests', display_name: 'rev' })
      expect((await admin.listAgents())[0]?.description).toBe('Writes tests')
      expect((await admin.updateAgent(agent.username, { description: '' })).description).toBe('')
      expect((await admin.createAgent({})).agent.description).toBe('')
    })

    it('leaves agent administration to admins, and the work protocol to agents', async () => {
      const w = await ready(1)
      await expectError(w.agent.listAgents(), 'forbidden')
      await expectError(w.agent.createAgent({}), 'forbidden')
      await expectError(w.admin.requestWork({}), 'forbidden')
      await expectError(w.admin.heartbeat(), 'forbidden')
    })
  })

  describe(`${name}: the work protocol`, () => {
    it('hands out NEW work, then the same ticket as CURRENT, then NONE when it is done', async () => {
      const w = await ready(1)
      const me = await w.agent.registerAgent()
      expect(me.status).toBe('online')
      const dry = await w.agent.requestWork({ dry_run: true })
      expect(dry).toMatchObject({ status: 'NEW', claim: 'AVAILABLE', ticket: { key: w.keys[0] } })
      const work = await w.agent.requestWork({ project: 'AG' })
      expect(work).toMatchObject({
        status: 'NEW',
        claim: 'ASSIGNED',
        ticket: { key: w.keys[0], status: 'develop/active', assignee: w.id },
        project: { prefix: 'AG' },
        parents: [],
        workflow: { stages: ['design', 'develop', 'test', 'done'] },
      })
      expect(work.lease_expires_at).not.toBeNull()
      expect((await w.admin.listAgents())[0]).toMatchObject({
        status: 'working',
        ticket_key: w.keys[0],
      })
      expect((await w.agent.requestWork({})).status).toBe('CURRENT')
      expect((await w.agent.heartbeat('working')).lease_expires_at).not.toBeNull()
      const done = await w.agent.reportWork(w.keys[0]!, {
        outcome: 'success',
        result: 'Did it.',
        started_at: '2026-01-01T00:00:00.000Z',
        ended_at: '2026-01-01T00:02:30.000Z',
        wall_ms: 150_000,
        exit_code: 0,
      })
      expect(done).toMatchObject({ status: 'test/idle', assignee: null })
      expect((await w.admin.listComments(w.keys[0]!)).map((c) => c.text)).toEqual(['Did it.'])
      expect((await w.admin.timeTotal(w.keys[0]!)).minutes).toBe(3)
      const run = (await w.admin.listHistory({ ticket: w.keys[0]! })).find(
        (e) => e.event_type === 'agent_run',
      )
      expect(run?.payload).toMatchObject({ outcome: 'success', wall_ms: 150_000, exit_code: 0 })
      expect(await w.agent.requestWork({})).toMatchObject({ status: 'NONE', claim: 'NO-WORK' })
      expect((await w.agent.heartbeat()).lease_expires_at).toBeNull()
    })

    it('records a failed run: fail, the reason in a comment, one more attempt', async () => {
      const w = await ready(1)
      await w.agent.requestWork({})
      await expectError(w.agent.reportWork(w.keys[0]!, { outcome: 'fail', result: '' }), 'invalid')
      const failed = await w.agent.reportWork(w.keys[0]!, {
        outcome: 'fail',
        result: 'partial output',
        reason: 'timed out after 60 s',
      })
      expect(failed).toMatchObject({ status: 'develop/fail', assignee: null, attempts: 1 })
      const [comment] = await w.admin.listComments(w.keys[0]!)
      expect(comment!.text).toBe('Agent run failed: timed out after 60 s\n\npartial output')
      await expectError(
        w.agent.reportWork(w.keys[0]!, { outcome: 'success', result: 'again' }),
        'conflict',
        /not held by you/,
      )
    })

    it('releases a ticket back to the queue without counting an attempt', async () => {
      const w = await ready(1)
      await w.agent.requestWork({})
      const back = await w.agent.releaseWork(w.keys[0]!, 'stopping')
      expect(back).toMatchObject({ status: 'develop/idle', assignee: null, attempts: 0 })
      const event = (await w.admin.listHistory({ ticket: w.keys[0]! })).find(
        (e) => e.event_type === 'ticket_requeued',
      )
      expect(event?.payload).toMatchObject({ agent: w.id, reason: 'stopping' })
    })

    it('waits for dependencies and takes the highest priority first', async () => {
      const w = await ready(3)
      await w.admin.addDependency(w.keys[0]!, w.keys[2]!)
      await w.admin.updateTicket(w.keys[1]!, { priority: 5 })
      // T1 waits on T3; T2 has a lower priority than T3.
      expect((await w.agent.requestWork({ dry_run: true })).ticket?.key).toBe(w.keys[2])
    })

    it('lets an agent change only tickets it holds, and says why it lost one', async () => {
      const w = await ready(2)
      await w.agent.claim({ ticket: w.keys[0]! })
      // Another ticket it never held: refused, whatever its state.
      await expectError(w.agent.setState(w.keys[1]!, 'success'), 'conflict', /not held by you/)
      // A person moves the held ticket: the agent is let go, with history naming the person.
      const moved = await w.admin.setStage(w.keys[0]!, 'design')
      expect(moved).toMatchObject({ status: 'design/idle', assignee: null })
      const requeued = (await w.admin.listHistory({ ticket: w.keys[0]! })).find(
        (e) => e.event_type === 'ticket_requeued',
      )
      expect(requeued?.payload).toMatchObject({
        agent: w.id,
        reason: expect.stringMatching(/moved by admin/),
      })
      expect((await w.agent.heartbeat()).lease_expires_at).toBeNull()
      // The former holder's late lifecycle change and report are refused, saying why.
      await expectError(
        w.agent.setState(w.keys[0]!, 'success'),
        'conflict',
        /not held by you \(it was taken from you .*moved by admin/,
      )
      await expectError(
        w.agent.reportWork(w.keys[0]!, { outcome: 'success', result: 'late' }),
        'conflict',
        /not held by you/,
      )
      expect(await w.admin.getTicket(w.keys[0]!)).toMatchObject({ status: 'design/idle' })
    })

    it('refuses a second worker under the same agent id while the first holds a lease', async () => {
      const w = await ready(1)
      await w.agent.registerAgent()
      await w.agent.requestWork({})
      await expectError(w.agent.registerAgent(), 'conflict', /already working: it holds AG-T-1/)
      await w.agent.releaseWork(w.keys[0]!, 'stopping')
      expect(await w.agent.registerAgent()).toMatchObject({ status: 'online' })
    })

    it('ends the lease when the holder completes its stage, and finishes with final', async () => {
      const w = await ready(1)
      await w.agent.claim({})
      const tested = await w.agent.setState(w.keys[0]!, 'success')
      expect(tested).toMatchObject({ status: 'test/idle', assignee: w.id })
      expect((await w.agent.heartbeat()).lease_expires_at).toBeNull()
      const done = await w.agent.setState(w.keys[0]!, 'success', { final: true })
      expect(done).toMatchObject({ status: 'done/success', assignee: w.id })
      const stages = (await w.admin.listHistory({ ticket: w.keys[0]! }))
        .filter((e) => e.event_type === 'ticket_stage_changed')
        .map((e) => `${e.payload.old}→${e.payload.new}`)
      expect(stages).toEqual(['design→develop', 'develop→test', 'test→done'])
    })

    it('returns an agent’s tickets to the queue when it is deleted', async () => {
      const w = await ready(1)
      await w.agent.requestWork({})
      await w.admin.deleteAgent(w.id)
      expect(await w.admin.getTicket(w.keys[0]!)).toMatchObject({
        status: 'develop/idle',
        assignee: null,
      })
    })
  })

  describe(`${name}: breakdowns`, () => {
    it('creates a breakdown as children, checked by the hierarchy rules, all or none', async () => {
      const { admin } = await world()
      await admin.createProject({ prefix: 'BD', title: 'Breakdowns' })
      const epic = await admin.createTicket({ project: 'BD', type: 'epic', title: 'Epic' })
      const made = await admin.addBreakdown(epic.key, {
        tickets: [
          { type: 'task', title: 'One', description: 'd', acceptance_criteria: 'a' },
          { type: 'bug', title: 'Two', description: '', acceptance_criteria: '' },
        ],
      })
      expect(made.created.map((t) => [t.type, t.title, t.parent_id])).toEqual([
        ['task', 'One', epic.key],
        ['bug', 'Two', epic.key],
      ])
      const bug = made.created[1]!
      await expectError(
        admin.addBreakdown(bug.key, {
          tickets: [{ type: 'task', title: 'x', description: '', acceptance_criteria: '' }],
        }),
        'invalid',
      )
      expect(await admin.listTickets({ project: 'BD', parent: bug.key })).toEqual([])
    })
  })
}
