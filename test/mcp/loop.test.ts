import { countTokens } from 'gpt-tokenizer'
import { describe, expect, it } from 'vitest'
import { startMcp } from '../support/mcp.ts'
import { tempDir } from '../support/temp-dir.ts'
import { runTk, type TempWorkspace, tempWorkspace } from '../support/workspace.ts'

type Brief = { key: string; title: string; status: string; assignee?: string }
type Claim = { status: string; ticket: { key: string; assignee?: string } | null; reason?: string }
type Shown = {
  ticket: { key: string; acceptance_criteria?: string; time_minutes: number }
  parents?: Brief[]
  comments?: { author: string; text: string }[]
}

const mcpIn = (ws: TempWorkspace) => startMcp({ cwd: ws.dir, env: { TICKET_HOME: ws.home } })

/** Three tasks under an epic, made ready for the queue with the commands a person types. */
async function seed(ws: TempWorkspace) {
  const epic = await ws.json<{ key: string }>('epic', 'Customers can sign in')
  const keys: string[] = []
  for (const title of ['Build the form', 'Check the password', 'Remember the session']) {
    const t = await ws.json<{ key: string }>('add', title, '-parent', epic.key, '-ac', `${title}.`)
    // The queue hands out tickets that are ready and idle at the work stage (develop).
    await ws.tk('stage', t.key, 'develop')
    await ws.tk('ready', t.key)
    keys.push(t.key)
  }
  return { epic: epic.key, keys }
}

/** What the CLI prints on stderr for the same mistake, for comparing word for word. */
async function cliError(ws: TempWorkspace, ...args: string[]) {
  const r = await ws.tk(...args)
  expect(r.code).not.toBe(0)
  return r.stderr.trimEnd()
}

describe('tk mcp', () => {
  it('offers ten terse tools whose schema costs at most 2,000 tokens, as --stats says', async () => {
    const ws = await tempWorkspace()
    const mcp = await mcpIn(ws)
    const { tools } = await mcp.client.listTools()
    expect(tools.map((t) => t.name)).toEqual([
      'next',
      'claim',
      'show',
      'comment',
      'log_time',
      'complete',
      'fail',
      'release',
      'create',
      'search',
    ])
    expect(mcp.client.getInstructions()).toContain('next → claim → show')
    const json = JSON.stringify(tools)
    const bytes = Buffer.byteLength(json)
    // Two measures: the bytes / 4 estimate the command prints, and a real BPE tokenizer.
    expect(Math.ceil(bytes / 4)).toBeLessThanOrEqual(2000)
    expect(countTokens(json)).toBeLessThanOrEqual(2000)
    const stats = await ws.json<{ tools: string[]; bytes: number; tokens: number }>(
      'mcp',
      '--stats',
    )
    expect(stats).toMatchObject({ bytes, tokens: Math.ceil(bytes / 4) })
    expect(stats.tools).toEqual(tools.map((t) => t.name))
    expect((await ws.tk('mcp', '--stats')).stdout).toContain(
      `${bytes} bytes ≈ ${stats.tokens} tokens`,
    )
  })

  it('works three tickets through the loop: next, claim, show, comment, log_time, finish', async () => {
    const ws = await tempWorkspace()
    const { epic, keys } = await seed(ws)
    const [first, second, third] = keys as [string, string, string]
    const mcp = await mcpIn(ws)

    expect((await mcp.json<Brief[]>('next')).map((t) => t.key)).toEqual(keys)

    // 1: the whole loop, finished with a comment.
    const claimed = await mcp.json<Claim>('claim')
    expect(claimed).toMatchObject({ status: 'ASSIGNED', ticket: { key: first, assignee: 'admin' } })
    const shown = await mcp.json<Shown>('show', { key: first })
    expect(shown.ticket.acceptance_criteria).toBe('Build the form.')
    expect(shown.parents?.map((p) => p.key)).toEqual([epic])
    expect(await mcp.json('comment', { key: first, text: 'form built' })).toMatchObject({
      ticket_key: first,
      author: 'admin',
    })
    expect(await mcp.json('log_time', { key: first, minutes: 30, note: 'form' })).toMatchObject({
      ticket_key: first,
      minutes: 30,
    })
    expect(await mcp.json('complete', { key: first, message: 'ready for test' })).toMatchObject({
      key: first,
      status: 'test/idle',
    })

    // 2: released back to the queue, claimed again by key (a bare number, as in the CLI), done.
    expect((await mcp.json<Claim>('claim')).ticket?.key).toBe(second)
    expect(await mcp.json('release', { key: second, message: 'later' })).toEqual({
      key: second,
      type: 'task',
      title: 'Check the password',
      status: 'develop/idle',
      priority: 3,
    })
    const again = await mcp.json<Claim>('claim', { key: second.split('-').pop() })
    expect(again).toMatchObject({ status: 'ASSIGNED', ticket: { key: second } })
    await mcp.json('log_time', { key: second, minutes: 15 })
    expect(await mcp.json('complete', { key: second })).toMatchObject({ status: 'test/idle' })

    // 3: failed, with the reason as a comment.
    expect((await mcp.json<Claim>('claim')).ticket?.key).toBe(third)
    expect(await mcp.json('fail', { key: third, message: 'needs a design' })).toMatchObject({
      key: third,
      status: 'develop/fail',
    })

    // The queue is empty; what was written is what the CLI reads back.
    expect(await mcp.json('next')).toEqual([])
    expect(await ws.json('get', first)).toMatchObject({ status: 'test/idle', time_minutes: 30 })
    expect(await ws.json('get', second)).toMatchObject({ status: 'test/idle', time_minutes: 15 })
    expect(await ws.json('get', third)).toMatchObject({ status: 'develop/fail' })
    const history = (await mcp.json<Shown>('show', { key: second })).comments
    expect(history?.map((c) => c.text)).toEqual(['later'])
    expect(
      (await mcp.json<Shown>('show', { key: first })).comments?.map((c) => [c.author, c.text]),
    ).toEqual([
      ['admin', 'form built'],
      ['admin', 'ready for test'],
    ])

    // Work found along the way is filed and can be found.
    const made = await mcp.json<Brief>('create', {
      title: 'Lock the account after ten failures',
      type: 'bug',
      parent: epic,
      priority: 2,
    })
    expect(made).toMatchObject({ type: 'bug', status: 'design/idle', priority: 2 })
    const found = await mcp.json<Brief[]>('search', { query: 'failures' })
    expect(found.map((t) => t.key)).toEqual([made.key])
    expect(await ws.json('get', made.key)).toMatchObject({ parent_id: epic })
  }, 60_000)

  it('answers every failure as a tool error in the words of the CLI', async () => {
    const ws = await tempWorkspace()
    const { keys } = await seed(ws)
    const [first, second] = keys as [string, string, string]
    const mcp = await mcpIn(ws)
    const missing = `${first.split('-')[0]}-T-99`

    // An unknown ticket, by every tool that takes one.
    const notFound = await cliError(ws, 'show', missing)
    expect(notFound).toMatch(/^error: .*\nhint: /)
    for (const [tool, extra] of [
      ['show', {}],
      ['claim', {}],
      ['comment', { text: 'x' }],
      ['log_time', { minutes: 5 }],
      ['complete', {}],
      ['fail', {}],
      ['release', {}],
    ] as const)
      expect(await mcp.call(tool, { key: missing, ...extra }), tool).toEqual({
        isError: true,
        text: notFound,
      })

    // Completing, failing or releasing a ticket the caller does not hold.
    for (const tool of ['complete', 'fail', 'release'])
      expect(await mcp.call(tool, { key: first }), tool).toEqual({
        isError: true,
        text: `error: ticket ${first} is not held by you\nhint: claim it first: claim ${first}`,
      })
    expect(await ws.json('get', first)).toMatchObject({ status: 'develop/idle' })

    // A claim the rules refuse is an error, as `tk claim` exits 1; its answer says why.
    await ws.tk('dep', 'add', first, second)
    const refusal = await cliError(ws, 'claim', first)
    expect(refusal).toMatch(
      new RegExp(`^error: cannot claim ${first}: ticket is blocked by ${second}\n`),
    )
    expect(await mcp.call('claim', { key: first })).toEqual({ isError: true, text: refusal })

    // Nothing ready is an answer, not an error (`tk claim` exits 0), and the same answer.
    await ws.tk('notready', second)
    await ws.tk('notready', keys[2]!)
    const none = await mcp.call('claim')
    expect(none.isError).toBe(false)
    expect(JSON.parse(none.text)).toEqual(await ws.json('claim'))
    expect(JSON.parse(none.text)).toMatchObject({ status: 'NO-WORK', ticket: null })

    // Values the service refuses carry its hint; wrong types are refused before any call.
    expect(await mcp.call('log_time', { key: first, minutes: 0 })).toEqual({
      isError: true,
      text: await cliError(ws, 'time', 'log', first, '0'),
    })
    expect(await mcp.call('create', { title: 'x', priority: 12 })).toEqual({
      isError: true,
      text: await cliError(ws, 'add', 'x', '-priority', '12'),
    })
    for (const [tool, args, field] of [
      ['log_time', { key: first, minutes: 'ten' }, 'minutes'],
      ['show', {}, 'key'],
      ['create', { title: 'x', type: 'saga' }, 'type'],
      ['next', { limit: 0 }, 'limit'],
    ] as const) {
      const r = await mcp.call(tool, args)
      expect(r.isError, tool).toBe(true)
      expect(r.text).toContain(`Invalid arguments for tool ${tool}`)
      expect(r.text).toContain(field)
    }
    const unknown = await mcp.call('delete_everything')
    expect(unknown).toMatchObject({ isError: true })
    expect(unknown.text).toContain('delete_everything not found')
    // Nothing above changed a ticket.
    expect(await ws.json('get', first)).toMatchObject({ status: 'develop/idle', assignee: null })
  }, 60_000)

  it('says how to make a workspace when there is none, and finds it once made', async () => {
    const dir = tempDir('tk-mcp-')
    const home = `${dir}/.ticket`
    const mcp = await startMcp({ cwd: dir, env: { TICKET_HOME: home } })
    const before = await mcp.call('next')
    expect(before.isError).toBe(true)
    const cli = await runTk(['next'], { cwd: dir, env: { TICKET_HOME: home } })
    expect(before.text).toBe(cli.stderr.trimEnd())
    expect(before.text).toContain('hint: create one with: tk init')
    const init = await runTk(['init', '-password', 'secret-admin-pw'], {
      cwd: dir,
      env: { TICKET_HOME: home },
    })
    expect(init.code).toBe(0)
    expect(await mcp.json('next')).toEqual([])
  })
})
