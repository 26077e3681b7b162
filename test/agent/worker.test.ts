import { execFileSync } from 'node:child_process'
import { readFileSync, realpathSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { resolveLlm } from '../../src/agent/llm-runner.ts'
import { Worker } from '../../src/agent/worker.ts'
import type { HttpService } from '../../src/client/http-service.ts'
import type { RunningServer } from '../../src/server/start.ts'
import { eventually, FAKE_LLM, newAgent, readyTickets } from '../support/agents.ts'
import { signedIn, startTestServer } from '../support/server.ts'
import { tempDir } from '../support/temp-dir.ts'

let server: RunningServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
  delete process.env.FAKE_LLM_MODE
  delete process.env.FAKE_LLM_LOG
  delete process.env.FAKE_LLM_DELAY_MS
})

function startWorker(
  api: HttpService,
  options: { timeoutMs?: number; verbose?: boolean; worktreeOf?: string } = {},
) {
  const stop = new AbortController()
  const lines: string[] = []
  let streamed = ''
  const done = new Worker({
    api,
    llm: resolveLlm(FAKE_LLM),
    llmTimeoutMs: options.timeoutMs ?? 10_000,
    heartbeatMs: 200,
    pollMs: 100,
    maxPollMs: 400,
    cwd: options.worktreeOf ?? process.cwd(),
    worktree: options.worktreeOf !== undefined,
    signal: stop.signal,
    log: (l) => lines.push(l),
    verbose: options.verbose ?? false,
    write: (t) => {
      streamed += t
    },
  }).run()
  return { stop: () => stop.abort(), done, lines, streamed: () => streamed }
}

describe('tk agent run against a real server', () => {
  it('two workers and five ready tickets: every ticket worked exactly once, with comments', async () => {
    server = await startTestServer()
    const admin = await signedIn(server)
    const keys = await readyTickets(admin, 'AG', 5)
    const log = join(tempDir('tk-llm-'), 'runs.log')
    process.env.FAKE_LLM_LOG = log
    // Runs long enough that one worker cannot take every ticket before the other asks.
    process.env.FAKE_LLM_DELAY_MS = '300'
    const workers = [
      startWorker((await newAgent(server, admin, 'AG')).api),
      startWorker((await newAgent(server, admin, 'AG')).api),
    ]
    await eventually(
      async () => (await admin.listTickets({ project: 'AG', stage: 'test' })).length === 5,
      20_000,
      'five tickets in test',
    )
    for (const w of workers) w.stop()
    await Promise.all(workers.map((w) => w.done))
    const runs = readFileSync(log, 'utf8').trim().split('\n').sort()
    expect(runs).toEqual([...keys].sort())
    for (const key of keys) {
      const t = await admin.getTicket(key)
      expect(t.status).toBe('test/idle')
      expect(t.assignee).toBeNull()
      const comments = await admin.listComments(key)
      expect(comments).toHaveLength(1)
      expect(comments[0]!.text).toContain(`Done: ${key}`)
      const runs = (await admin.listHistory({ ticket: key })).filter(
        (e) => e.event_type === 'agent_run',
      )
      expect(runs).toHaveLength(1)
      expect(runs[0]!.payload).toMatchObject({ outcome: 'success', exit_code: 0 })
    }
    // Both workers took part.
    expect(workers.every((w) => w.lines.some((l) => l.startsWith('completed')))).toBe(true)
  }, 40_000)

  it('-v streams the prompt prefixed > and the answer prefixed <', async () => {
    server = await startTestServer()
    const admin = await signedIn(server)
    const [key] = await readyTickets(admin, 'VB', 1)
    const w = startWorker((await newAgent(server, admin, 'VB')).api, { verbose: true })
    await eventually(async () => (await admin.getTicket(key!)).stage === 'test', 15_000, 'done')
    w.stop()
    await w.done
    expect(w.streamed()).toContain(`> Ticket: ${key} [task]`)
    expect(w.streamed()).toContain('> Acceptance Criteria:\n> Thing 1 is done')
    expect(w.streamed()).toContain(`< Done: ${key}\n< Changed two files and ran the tests.\n`)
  }, 30_000)

  it('shows control characters from tickets in its log and -v stream instead of sending them', async () => {
    server = await startTestServer()
    const admin = await signedIn(server)
    const [key] = await readyTickets(admin, 'ESC', 1)
    await admin.updateTicket(key!, {
      title: 'Fix \x1b]0;pwned\x07login',
      description: 'wipe \x1b[2J\rscreen',
    })
    const w = startWorker((await newAgent(server, admin, 'ESC')).api, { verbose: true })
    await eventually(async () => (await admin.getTicket(key!)).stage === 'test', 15_000, 'done')
    w.stop()
    await w.done
    expect(w.lines).toContain(`working on ${key}: Fix ␛]0;pwned␇login`)
    expect(w.streamed()).toContain('> wipe ␛[2J␍screen')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    const control = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/
    expect(w.lines.join('\n')).not.toMatch(control)
    expect(w.streamed()).not.toMatch(control)
  }, 30_000)

  it('-worktree runs each ticket in its own worktree and branch', async () => {
    server = await startTestServer()
    const admin = await signedIn(server)
    const [key] = await readyTickets(admin, 'WT', 1)
    const repo = join(tempDir('tk-git-'), 'repo')
    execFileSync('git', ['init', '-q', repo])
    execFileSync('git', [
      '-C',
      repo,
      '-c',
      'user.email=t@example.com',
      '-c',
      'user.name=t',
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'start',
    ])
    process.env.FAKE_LLM_MODE = 'pwd'
    const w = startWorker((await newAgent(server, admin, 'WT')).api, { worktreeOf: repo })
    await eventually(async () => (await admin.getTicket(key!)).stage === 'test', 15_000, 'done')
    w.stop()
    await w.done
    const [comment] = await admin.listComments(key!)
    expect(comment!.text).toBe(`ran in ${realpathSync(join(`${repo}-worktrees`, key!))}`)
    expect(
      execFileSync('git', ['-C', repo, 'branch', '--list', key!], { encoding: 'utf8' }),
    ).toContain(key)
  }, 30_000)

  it('a failing LLM leaves the ticket in fail with the reason, not retried', async () => {
    server = await startTestServer()
    const admin = await signedIn(server)
    const [key] = await readyTickets(admin, 'FL', 1)
    process.env.FAKE_LLM_MODE = 'fail'
    const log = join(tempDir('tk-llm-log-'), 'runs.log')
    process.env.FAKE_LLM_LOG = log
    const w = startWorker((await newAgent(server, admin, 'FL')).api, { verbose: true })
    await eventually(async () => (await admin.getTicket(key!)).state === 'fail', 15_000, 'fail')
    // docs/agents.md "The loop": a failed run is not retried; the worker asks again and
    // finds nothing, the ticket waiting in fail for a person.
    await eventually(
      async () => w.lines.some((l) => l.startsWith('no work')),
      15_000,
      'the worker to ask again after the failed run',
    )
    w.stop()
    await w.done
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([key])
    const t = await admin.getTicket(key!)
    expect(t).toMatchObject({ status: 'develop/fail', assignee: null, attempts: 1 })
    const [comment] = await admin.listComments(key!)
    expect(comment!.text).toContain('Agent run failed: the LLM command exited with status 3')
    expect(comment!.text).toContain('fake llm: could not do it')
  }, 30_000)

  it('a person moving the ticket mid-run interrupts the run, which reports nothing', async () => {
    server = await startTestServer()
    const admin = await signedIn(server)
    const [key] = await readyTickets(admin, 'MV', 1)
    process.env.FAKE_LLM_MODE = 'hang'
    const agent = await newAgent(server, admin, 'MV')
    const w = startWorker(agent.api, { timeoutMs: 20_000 })
    await eventually(async () => (await admin.getTicket(key!)).state === 'active', 15_000, 'claim')
    expect(await admin.setStage(key!, 'design')).toMatchObject({
      status: 'design/idle',
      assignee: null,
    })
    await eventually(
      async () => w.lines.some((l) => l.includes(`run on ${key} interrupted`)),
      15_000,
      `the worker to stop the run: ${w.lines.join('; ')}`,
    )
    w.stop()
    await w.done
    const events = (await admin.listHistory({ ticket: key! })).map((e) => e.event_type)
    expect(events).toContain('ticket_requeued')
    expect(events).not.toContain('agent_run')
    expect(await admin.getTicket(key!)).toMatchObject({ status: 'design/idle', assignee: null })
  }, 40_000)

  it('a hanging LLM is killed at the timeout and the ticket set to fail', async () => {
    server = await startTestServer()
    const admin = await signedIn(server)
    const [key] = await readyTickets(admin, 'HG', 1)
    process.env.FAKE_LLM_MODE = 'hang'
    const w = startWorker((await newAgent(server, admin, 'HG')).api, { timeoutMs: 1000 })
    await eventually(async () => (await admin.getTicket(key!)).state === 'fail', 15_000, 'fail')
    w.stop()
    await w.done
    const [comment] = await admin.listComments(key!)
    expect(comment!.text).toContain('Agent run failed: timed out after 1 s')
  }, 30_000)
})
