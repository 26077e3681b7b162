import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import type { AgentSummary } from '../../src/domain/agent.ts'
import { eventually, newAgent, readyTickets } from '../support/agents.ts'
import { signedIn, startTestServer } from '../support/server.ts'
import { tempDir } from '../support/temp-dir.ts'
import { type RunResult, runTk, tempWorkspace } from '../support/workspace.ts'

type Tk = (...args: string[]) => Promise<RunResult>

const ok = async (tk: Tk, ...args: string[]) => {
  const r = await tk(...args)
  if (r.code !== 0) throw new Error(`tk ${args.join(' ')} exited ${r.code}: ${r.stderr}`)
  return r.stdout
}

/** `tk` as a fresh shell on another machine sees it: its own home, only `TICKET_URL` and `env`. */
const remoteTk =
  (url: string, env: Record<string, string>): Tk =>
  (...args) =>
    runTk(args, {
      cwd: tempDir('tk-remote-'),
      env: { TICKET_HOME: join(tempDir('tk-home-'), '.ticket'), TICKET_URL: url, ...env },
    })
const ADMIN = { TICKET_USERNAME: 'admin', TICKET_PASSWORD: 'admin-password' }

/**
 * An agent driven from a shell, holding `key` (claimed): each of its writes (comment, time
 * log, update) and `tk agent heartbeat` moves the lease further out, a person's write does not;
 * `lease()` reads it as an admin sees it (`tk agent ls`).
 */
async function writesRenewTheLease(
  agent: Tk,
  person: Tk,
  key: string,
  lease: () => Promise<string | null>,
) {
  let last = await lease()
  expect(last).not.toBeNull()
  const renews = async (...args: string[]) => {
    await ok(agent, ...args)
    const now = await lease()
    expect(now! > last!, `tk ${args[0]} renews the lease (${last} → ${now})`).toBe(true)
    last = now
  }
  await renews('comment', key, 'found the cause')
  await renews('time', 'log', key, '20', 'reading the code')
  await renews('update', key, '-d', 'the cause, written down')
  await ok(person, 'comment', key, 'a person says something')
  expect(await lease(), 'a write by someone else leaves the lease alone').toBe(last)
  const beat = JSON.parse(await ok(agent, 'agent', 'heartbeat', key, '--json')) as {
    lease_expires_at: string
  }
  expect(beat.lease_expires_at > last!).toBe(true)
  expect(await lease()).toBe(beat.lease_expires_at)
}

/** `tk agent heartbeat` refuses, on stderr with exit 1, when the agent holds nothing or not KEY. */
async function heartbeatRefusals(agent: Tk, held: string, other: string) {
  const none = await agent('agent', 'heartbeat')
  expect(none.code).toBe(1)
  expect(none.stdout).toBe('')
  expect(none.stderr).toContain(
    'error: you hold no ticket under a lease: there is nothing to renew',
  )
  expect(none.stderr).toContain('hint: claim one (tk claim)')
  const finished = await agent('agent', 'heartbeat', held)
  expect(finished.code).toBe(1)
  expect(finished.stderr).toContain(`ticket ${held} has no lease to renew: it is test/idle`)
  const notMine = await agent('agent', 'heartbeat', other)
  expect(notMine.code).toBe(1)
  expect(notMine.stderr).toContain(`ticket ${other} is not held by you`)
}

describe('an agent driven from a shell keeps its lease by working', () => {
  it('locally: writes and heartbeats renew it; heartbeat refuses without a held ticket', async () => {
    const ws = await tempWorkspace()
    const key = (await ws.json<{ key: string }>('add', 'Hold me', '-ac', 'held')).key
    const other = (await ws.json<{ key: string }>('add', 'Someone else’s', '-ac', 'x')).key
    await ok(ws.tk, 'ready', key)
    const made = await ws.json<{ agent: { id: string } }>('agent', 'create', '-name', 'shellbot')
    await ok(ws.tk, 'project', 'add-user', made.agent.id, '-role', 'editor')
    const agent: Tk = (...args) =>
      runTk(args, { cwd: ws.dir, env: { TICKET_HOME: ws.home, AGENT_ID: made.agent.id } })
    const lease = async () =>
      (await ws.json<AgentSummary[]>('agent', 'ls')).find((a) => a.id === made.agent.id)!
        .lease_expires_at

    expect((await agent('agent', 'heartbeat')).code).toBe(1)
    await ok(agent, 'claim', key)
    await writesRenewTheLease(agent, ws.tk, key, lease)
    const done = JSON.parse(await ok(agent, 'complete', key, '--json')) as { next: string }
    expect(done.next).toContain('still assigned to shellbot')
    expect(await lease()).toBeNull()
    await heartbeatRefusals(agent, key, other)

    // People read the agent by its name in history, comments and the ticket's records.
    await ok(ws.tk, 'assign', other, made.agent.id)
    await ok(ws.tk, 'unassign', other)
    for (const [ref, shown] of [
      [key, /assigned to shellbot \(by shellbot\)/],
      [other, /assigned to shellbot \(by admin\)[\s\S]*unassigned from shellbot \(by admin\)/],
    ] as const) {
      const history = await ok(ws.tk, 'history', ref)
      expect(history).toMatch(shown)
      expect(history).not.toContain(made.agent.id)
    }
    const detail = await ok(ws.tk, 'get', key)
    expect(detail).toMatch(/shellbot: found the cause/)
    expect(detail).toMatch(/assigned to shellbot \(by shellbot\)/)
    // Only the assignee line gives the id beside the name, for commands that take it.
    const lines = detail.split('\n').filter((l) => !l.startsWith('Assignee'))
    expect(lines.join('\n')).not.toContain(made.agent.id)
  }, 60_000)

  it('over HTTP with only the agent variables: the same, and a lapsed lease is lost', async () => {
    const server = await startTestServer({
      agents: { leaseMs: 600_000, offlineAfterMs: 600_000, maxAttempts: 3, reapEveryMs: 60_000 },
    })
    onTestFinished(() => server.close())
    const admin = await signedIn(server)
    const [key, other] = await readyTickets(admin, 'SH', 2)
    const bot = await newAgent(server, admin, 'SH')
    const agent = remoteTk(server.url, { AGENT_ID: bot.id, AGENT_PASSWORD: bot.password })
    const person = remoteTk(server.url, ADMIN)
    const lease = async () =>
      (await admin.listAgents()).find((a) => a.id === bot.id)!.lease_expires_at

    await ok(agent, 'claim', key!)
    await writesRenewTheLease(agent, person, key!, lease)
    await ok(agent, 'complete', key!)
    expect(await lease()).toBeNull()
    await heartbeatRefusals(agent, key!, other!)
  }, 60_000)

  it('after the reaper requeues a lapsed lease, the former holder’s complete is refused', async () => {
    // A lease short enough to lapse within the test; the reaper looks often.
    const server = await startTestServer({
      agents: { leaseMs: 1000, offlineAfterMs: 60_000, maxAttempts: 3, reapEveryMs: 100 },
    })
    onTestFinished(() => server.close())
    const admin = await signedIn(server)
    const [key] = await readyTickets(admin, 'LP', 1)
    const bot = await newAgent(server, admin, 'LP')
    await admin.updateAgent(bot.id, { display_name: 'lapser' })
    const agent = remoteTk(server.url, { AGENT_ID: bot.id, AGENT_PASSWORD: bot.password })
    await ok(agent, 'claim', key!)
    await eventually(
      async () => (await admin.getTicket(key!)).assignee === null,
      10_000,
      'the reaper to requeue the lapsed ticket',
    )
    expect(await admin.getTicket(key!)).toMatchObject({ status: 'develop/idle', attempts: 1 })

    const late = await agent('complete', key!, '--json')
    expect(late.code).toBe(1)
    expect(late.stdout).toBe('')
    const error = JSON.parse(late.stderr) as { error: string; hint: string }
    expect(error.error).toMatch(
      new RegExp(
        `^ticket ${key} is not held by you \\(it was taken from you at .*: lease lapsed at .*: no heartbeat from agent lapser\\)$`,
      ),
    )
    expect(error.hint).toContain(`tk claim ${key}`)
    expect(await admin.getTicket(key!)).toMatchObject({ status: 'develop/idle', assignee: null })
    // Its heartbeat for that ticket says the same; without a ticket, that it holds nothing.
    const beat = await agent('agent', 'heartbeat', key!)
    expect(beat.code).toBe(1)
    expect(beat.stderr).toContain('it was taken from you at')
    // People read the requeue by the agent's name.
    const history = await remoteTk(server.url, ADMIN)('history', key!)
    expect(history.stdout).toMatch(/requeued from lapser: lease lapsed/)
    expect(history.stdout).not.toContain(bot.id)
  }, 60_000)
})
