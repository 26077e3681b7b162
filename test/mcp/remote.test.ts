import { join } from 'node:path'
import { expect, it, onTestFinished } from 'vitest'
import { newAgent, readyTickets } from '../support/agents.ts'
import { startMcp } from '../support/mcp.ts'
import { signedIn, startTestServer } from '../support/server.ts'
import { tempDir } from '../support/temp-dir.ts'
import { runTk } from '../support/workspace.ts'

type Claim = { status: string; ticket: { key: string; assignee: string } | null }

it('works the loop against a real tk server, signed in as an agent', async () => {
  const server = await startTestServer()
  onTestFinished(() => server.close())
  const admin = await signedIn(server)
  const keys = await readyTickets(admin, 'CUS', 2)
  const agent = await newAgent(server, admin, 'CUS')
  await admin.updateAgent(agent.id, { display_name: 'mcpbot' })
  const dir = tempDir('tk-mcp-remote-')
  // Only the agent's variables, as `tk agent run` takes them: every call signs in as the agent.
  const env = {
    TICKET_HOME: join(dir, '.ticket'),
    TICKET_URL: server.url,
    AGENT_ID: agent.id,
    AGENT_PASSWORD: agent.password,
  }
  const mcp = await startMcp({ cwd: dir, env })

  expect((await mcp.json<{ key: string }[]>('next', { project: 'CUS' })).map((t) => t.key)).toEqual(
    keys,
  )
  for (const [i, key] of keys.entries()) {
    const claimed = await mcp.json<Claim>('claim', { project: 'CUS' })
    expect(claimed).toMatchObject({ status: 'ASSIGNED', ticket: { key, assignee: agent.id } })
    expect(await mcp.json('show', { key })).toMatchObject({ ticket: { key } })
    await mcp.json('comment', { key, text: `did ${key}` })
    await mcp.json('log_time', { key, minutes: 20 })
    // The first hands its stage on; the second is finished outright (`final`).
    const status = i === 0 ? 'test/idle' : 'done/success'
    expect(await mcp.json('complete', { key, final: i > 0 })).toMatchObject({ key, status })
    const after = await admin.getTicket(key)
    expect(after).toMatchObject({ status, assignee: agent.id, time_minutes: 20 })
    // Comments name the agent, not its UUID.
    expect(await mcp.json('show', { key })).toMatchObject({
      comments: [{ author: 'mcpbot', text: `did ${key}` }],
    })
    expect((await admin.listComments(key)).map((c) => [c.author, c.text])).toEqual([
      [agent.id, `did ${key}`],
    ])
  }
  expect(await mcp.json('claim', { project: 'CUS' })).toMatchObject({ status: 'NO-WORK' })

  // The server's refusals read as the CLI prints them.
  const cli = await runTk(['show', 'CUS-T-99'], { cwd: dir, env })
  expect(cli.code).toBe(1)
  expect(await mcp.call('show', { key: 'CUS-T-99' })).toEqual({
    isError: true,
    text: cli.stderr.trimEnd(),
  })
  const add = await runTk(['add', 'x', '-project', 'NOPE'], { cwd: dir, env })
  expect(add.code).toBe(1)
  expect(await mcp.call('create', { title: 'x', project: 'NOPE' })).toEqual({
    isError: true,
    text: add.stderr.trimEnd(),
  })
})
