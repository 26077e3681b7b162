import { type ChildProcess, spawn } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../src/server/start.ts'
import { eventually, FAKE_LLM, newAgent, readyTickets } from '../support/agents.ts'
import { signedIn, startTestServer } from '../support/server.ts'
import { tempDir } from '../support/temp-dir.ts'
import { runTk, TK_BIN } from '../support/workspace.ts'

// Shortened from 10 minutes so a lapse happens within the test.
const AGENTS = { offlineAfterMs: 1500, leaseMs: 1500, maxAttempts: 2, reapEveryMs: 200 }

let server: RunningServer | undefined
let child: ChildProcess | undefined
afterEach(async () => {
  child?.kill('SIGKILL')
  await server?.close()
  server = undefined
})

/** The built `tk agent run`, as an operator starts it. */
function agentRun(env: Record<string, string>) {
  const p = spawn(process.execPath, [TK_BIN, 'agent', 'run', '-llm', FAKE_LLM, '-heartbeat', '1'], {
    cwd: tempDir('tk-agent-'),
    env: { ...process.env, NO_COLOR: '1', TICKET_HOME: tempDir('tk-home-'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  p.stdout?.on('data', (d: Buffer) => {
    output += d.toString()
  })
  p.stderr?.on('data', (d: Buffer) => {
    output += d.toString()
  })
  return { p, output: () => output }
}

describe('leases and the reaper', () => {
  it('a killed worker goes offline and its ticket returns to the queue', async () => {
    server = await startTestServer({ agents: AGENTS })
    const admin = await signedIn(server)
    const [key] = await readyTickets(admin, 'KL', 1)
    const agent = await newAgent(server, admin, 'KL')
    const run = agentRun({
      AGENT_ID: agent.id,
      AGENT_PASSWORD: agent.password,
      TICKET_URL: server.url,
      FAKE_LLM_MODE: 'hang',
      FAKE_LLM_HANG_MS: '10000',
    })
    child = run.p
    await eventually(
      async () => (await admin.getTicket(key!)).assignee === agent.id,
      15_000,
      `the agent to claim ${key}: ${run.output()}`,
    )
    // Heartbeats keep the lease alive past its length while the worker lives: wait for one
    // that comes after the first lease would have lapsed.
    const claimed = Date.now()
    await eventually(
      async () => {
        const seen = (await admin.listAgents()).find((a) => a.id === agent.id)?.last_seen
        return seen != null && Date.parse(seen) > claimed + AGENTS.leaseMs
      },
      10_000,
      'a heartbeat after the first lease would have lapsed',
    )
    expect(await admin.getTicket(key!)).toMatchObject({ state: 'active', assignee: agent.id })
    child.kill('SIGKILL')
    await eventually(
      async () => (await admin.listAgents()).find((a) => a.id === agent.id)?.status === 'offline',
      10_000,
      'offline',
    )
    await eventually(async () => (await admin.getTicket(key!)).state === 'idle', 10_000, 'requeue')
    const t = await admin.getTicket(key!)
    expect(t).toMatchObject({ status: 'develop/idle', assignee: null, attempts: 1 })
    const requeued = (await admin.listHistory({ ticket: key! })).find(
      (e) => e.event_type === 'ticket_requeued',
    )
    expect(requeued?.payload).toMatchObject({ agent: agent.id, attempts: 1, state: 'idle' })
    expect(String(requeued?.payload.reason)).toContain('lease lapsed')
  }, 40_000)

  it('after the last allowed attempt a lapsed ticket stays in fail', async () => {
    server = await startTestServer({ agents: AGENTS })
    const admin = await signedIn(server)
    const [key] = await readyTickets(admin, 'MX', 1)
    for (let attempt = 1; attempt <= AGENTS.maxAttempts; attempt++) {
      const agent = await newAgent(server, admin, 'MX')
      const work = await agent.api.requestWork({ project: 'MX' })
      expect(work).toMatchObject({ status: 'NEW', ticket: { key } })
      expect(work.lease_expires_at).not.toBeNull()
      await eventually(
        async () => (await admin.getTicket(key!)).attempts === attempt,
        10_000,
        `lapse ${attempt}`,
      )
    }
    expect(await admin.getTicket(key!)).toMatchObject({
      state: 'fail',
      assignee: null,
      attempts: 2,
    })
    const other = await newAgent(server, admin, 'MX')
    expect((await other.api.requestWork({ project: 'MX' })).status).toBe('NONE')
  }, 30_000)

  it('Ctrl-C releases the ticket the worker holds', async () => {
    server = await startTestServer()
    const admin = await signedIn(server)
    const [key] = await readyTickets(admin, 'CC', 1)
    const agent = await newAgent(server, admin, 'CC')
    const run = agentRun({
      AGENT_ID: agent.id,
      AGENT_PASSWORD: agent.password,
      TICKET_URL: server.url,
      FAKE_LLM_MODE: 'hang',
      FAKE_LLM_HANG_MS: '10000',
    })
    child = run.p
    await eventually(async () => (await admin.getTicket(key!)).state === 'active', 15_000, 'claim')
    const exited = new Promise<number | null>((r) => child!.on('exit', (code) => r(code)))
    child.kill('SIGINT')
    expect(await exited).toBe(0)
    expect(run.output()).toContain(`released ${key}`)
    expect(await admin.getTicket(key!)).toMatchObject({
      state: 'idle',
      assignee: null,
      attempts: 0,
    })
  }, 30_000)

  it('tk agent request asks once and prints the answer as JSON', async () => {
    server = await startTestServer()
    const admin = await signedIn(server)
    const [key] = await readyTickets(admin, 'RQ', 1)
    const agent = await newAgent(server, admin, 'RQ')
    const r = await runTk(['agent', 'request', '--dry-run'], {
      cwd: tempDir('tk-agent-'),
      env: { AGENT_ID: agent.id, AGENT_PASSWORD: agent.password, TICKET_URL: server.url },
    })
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({
      status: 'NEW',
      claim: 'AVAILABLE',
      ticket: { key },
    })
    expect((await admin.getTicket(key!)).assignee).toBeNull()
  })

  it('names every missing setting in one error', async () => {
    const home = tempDir('tk-home-')
    const p = spawn(process.execPath, [TK_BIN, 'agent', 'run'], {
      cwd: home,
      env: { ...process.env, TICKET_HOME: home, TICKET_URL: '', AGENT_ID: '', AGENT_PASSWORD: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let err = ''
    p.stderr.on('data', (d: Buffer) => {
      err += d.toString()
    })
    const code = await new Promise<number | null>((r) => p.on('exit', r))
    expect(code).toBe(2)
    expect(err).toContain(
      'missing required settings: AGENT_ID (or -id), TICKET_URL (or -url), AGENT_PASSWORD',
    )
  })
})
