import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { signedIn, startTestServer } from '../support/server.ts'
import { tempDir } from '../support/temp-dir.ts'
import { type RunResult, runTk, tempWorkspace } from '../support/workspace.ts'

type Tk = (...args: string[]) => Promise<RunResult>
type Claim = {
  status: string
  ticket: { key: string; title: string; status: string } | null
  reason?: string
  counts?: Record<string, number>
}

const ok = async (tk: Tk, ...args: string[]) => {
  const r = await tk(...args)
  if (r.code !== 0) throw new Error(`tk ${args.join(' ')} exited ${r.code}: ${r.stderr}`)
  return r.stdout
}
const json = async <T>(tk: Tk, ...args: string[]) => JSON.parse(await ok(tk, ...args)) as T

/**
 * An agent that knows only `tk skill`: its loop, word for word ("claim; stop on NO-WORK; get
 * with its fields; comment, time log; complete -final with its fields"), until the queue is empty.
 * Returns the keys it finished, in order, and the last answer.
 */
async function workTheQueue(tk: Tk): Promise<{ done: string[]; last: Claim }> {
  const done: string[] = []
  for (;;) {
    const claim = await json<Claim>(tk, 'claim', '--json', '--fields', 'key,title,status')
    if (claim.status === 'NO-WORK') return { done, last: claim }
    expect(claim).toMatchObject({ status: 'ASSIGNED', ticket: { status: 'develop/active' } })
    expect(Object.keys(claim.ticket!).sort()).toEqual(['key', 'status', 'title'])
    const key = claim.ticket!.key
    const detail = await json<Record<string, unknown>>(
      tk,
      'get',
      key,
      '--json',
      '--fields',
      'description,acceptance_criteria,blocked,comments',
    )
    expect(Object.keys(detail)).toEqual([
      'description',
      'acceptance_criteria',
      'blocked',
      'comments',
    ])
    expect(detail.acceptance_criteria).not.toBe('')
    expect(detail.blocked).toEqual([])
    await ok(tk, 'comment', key, 'did the work; acceptance criteria met')
    await ok(tk, 'time', 'log', key, '30', 'what the time went on')
    const after = await json<{ status: string; next: string }>(
      tk,
      'complete',
      key,
      '-final',
      '--json',
      '--fields',
      'key,status,next',
    )
    expect(Object.keys(after)).toEqual(['key', 'status', 'next'])
    expect(after.status).toBe('done/success')
    expect(after.next).toMatch(/finished/)
    done.push(key)
    if (done.length > 10) throw new Error('the queue never empties')
  }
}

/** How a person seeds a workspace: tasks and an epic with children, a dependency, ready. */
async function seed(tk: Tk, prefix: string) {
  const add = async (...args: string[]) => (await json<{ key: string }>(tk, ...args, '--json')).key
  const login = await add('add', 'Fix the login page', '-ac', 'login works')
  const epic = await add('epic', 'Billing', '-d', 'invoices and receipts')
  const invoices = await add('add', 'Send invoices', '-parent', epic, '-ac', 'invoices go out')
  const receipts = await add('add', 'Send receipts', '-parent', epic, '-ac', 'receipts go out')
  await ok(tk, 'dep', 'add', receipts, invoices)
  // Before anything is ready the queue is empty, and says why.
  const cold = await json<Claim>(tk, 'claim', '--json')
  expect(cold).toMatchObject({ status: 'NO-WORK', counts: { not_ready: 3 } })
  expect(cold.reason).toBe(
    'nothing is claimable: 3 tickets are not marked ready (tk ready KEY queues one)',
  )
  for (const k of [login, invoices, receipts]) await ok(tk, 'ready', k)
  expect([login, invoices, receipts].every((k) => k.startsWith(`${prefix}-`))).toBe(true)
  return { login, invoices, receipts, epic }
}

describe('the skill file, followed by an agent that reads nothing else', () => {
  it('works three tickets of a workspace a person seeded (init, add, epic, dep add, ready)', async () => {
    const ws = await tempWorkspace()
    const keys = await seed(ws.tk, 'TK')
    const queue = await json<{ key: string; status: string }[]>(ws.tk, 'next', '--json')
    expect(queue.map((t) => t.key)).toEqual([keys.login, keys.invoices])
    expect(queue.every((t) => t.status === 'develop/idle')).toBe(true)
    // Dry run and claim agree with the queue.
    const dry = await ws.tk('claim', keys.receipts, '--dry-run', '--json')
    expect(dry.code).toBe(1)
    expect(JSON.parse(dry.stderr)).toMatchObject({
      error: `cannot claim ${keys.receipts}: ticket is blocked by ${keys.invoices}`,
    })

    const { done, last } = await workTheQueue(ws.tk)
    expect(done).toEqual([keys.login, keys.invoices, keys.receipts])
    expect(last).toMatchObject({ status: 'NO-WORK', ticket: null })
    expect(await json(ws.tk, 'get', keys.epic, '--json')).toMatchObject({ status: 'done/success' })
    const history = await ok(ws.tk, 'history', keys.login)
    expect(history).toMatch(/develop → test/)
    expect(history).toMatch(/test → done/)
  }, 60_000)

  it('works them against a server with only TICKET_URL, AGENT_ID and AGENT_PASSWORD set', async () => {
    const server = await startTestServer()
    onTestFinished(() => server.close())
    const admin = await signedIn(server)
    await admin.createProject({ prefix: 'WEB', title: 'Web' })
    const { agent, password } = await admin.createAgent({ display_name: 'builder' })
    await admin.addProjectMember('WEB', { username: agent.username, role: 'editor' })
    const person = async (...args: string[]) => {
      const env = {
        TICKET_HOME: join(tempDir('tk-person-'), '.ticket'),
        TICKET_URL: server.url,
        TICKET_USERNAME: 'admin',
        TICKET_PASSWORD: 'admin-password',
      }
      return runTk([...args, '-project', 'WEB'], { cwd: tempDir('tk-cwd-'), env })
    }
    const keys = await seed(person, 'WEB')

    const dir = tempDir('tk-agent-')
    const env = {
      TICKET_HOME: join(dir, '.ticket'),
      TICKET_URL: server.url,
      AGENT_ID: agent.id,
      AGENT_PASSWORD: password,
    }
    const tk: Tk = (...args) => runTk(args, { cwd: dir, env })
    expect(await json(tk, 'whoami', '--json')).toMatchObject({ display_name: 'builder' })
    const { done } = await workTheQueue(tk)
    expect(done).toEqual([keys.login, keys.invoices, keys.receipts])
    const comments = await admin.listComments(keys.login)
    expect(comments.map((c) => c.author)).toEqual([agent.username])
    expect(await admin.timeTotal(keys.login)).toMatchObject({ minutes: 30 })
    // People read the agent's name, not its UUID.
    const history = await person('history', keys.login)
    expect(history.stdout).toMatch(/claimed \(by builder\)/)
    expect((await person('comments', keys.login)).stdout).toMatch(/builder: did the work/)
  }, 60_000)

  it('two agents working one local workspace at once never share a ticket', async () => {
    const ws = await tempWorkspace()
    const keys: string[] = []
    for (let i = 1; i <= 6; i++) {
      const key = (await json<{ key: string }>(ws.tk, 'add', `Task ${i}`, '-ac', 'done', '--json'))
        .key
      await ok(ws.tk, 'ready', key)
      keys.push(key)
    }
    const agents = await Promise.all(
      ['one', 'two'].map(async (name) => {
        const made = await json<{ agent: { id: string } }>(
          ws.tk,
          'agent',
          'create',
          '-name',
          name,
          '--json',
        )
        await ok(ws.tk, 'project', 'add-user', made.agent.id, '-role', 'editor')
        const tk: Tk = (...args) =>
          runTk(args, { cwd: ws.dir, env: { TICKET_HOME: ws.home, AGENT_ID: made.agent.id } })
        return tk
      }),
    )
    const [a, b] = await Promise.all(agents.map((tk) => workTheQueue(tk)))
    expect(a!.done.filter((k) => b!.done.includes(k))).toEqual([])
    expect([...a!.done, ...b!.done].sort()).toEqual([...keys].sort())
  }, 120_000)
})
