import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import type { HttpService } from '../../src/client/http-service.ts'
import type { RunningServer } from '../../src/server/start.ts'
import { FAKE_LLM } from '../support/agents.ts'
import { caller } from '../support/http.ts'
import { pollUntil } from '../support/poll.ts'
import { signedIn, startTestServer } from '../support/server.ts'

let server: RunningServer
let admin: HttpService

beforeAll(async () => {
  server = await startTestServer({ chatCommand: FAKE_LLM, analyseCommand: FAKE_LLM })
  admin = await signedIn(server)
  await admin.createUser({ username: 'carol', password: 'carol-password' })
})
afterAll(() => server.close())
afterEach(() => {
  delete process.env.FAKE_LLM_MODE
  delete process.env.FAKE_LLM_HANG_MS
})

type Message = { type: string; text?: string; error?: string; code?: number; stream?: string }

/** A chat connection that collects messages until `chat_exit` (or an error with no exit). */
async function chat(token: string) {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/chat/ws?token=${token}`)
  const messages: Message[] = []
  ws.addEventListener('message', (e) => messages.push(JSON.parse(String(e.data)) as Message))
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve())
    ws.addEventListener('error', () => reject(new Error('connection refused')))
  })
  onTestFinished(() => ws.close())
  const until = (type: string, ms = 10_000) =>
    pollUntil(() => messages.some((m) => m.type === type), Boolean, {
      timeout: ms,
      interval: 50,
      failure: () => `no ${type} in ${JSON.stringify(messages)}`,
    })
  return {
    ws,
    messages,
    until,
    say: (text: string) => ws.send(JSON.stringify({ type: 'chat_input', text })),
  }
}

const tokenOf = async (username: string, password: string) =>
  (await (await signedIn(server, username, password)).login(username, password)).token

describe('/api/chat/ws', () => {
  it('is refused while chat is disabled, and only admins switch it on', async () => {
    const carol = await signedIn(server, 'carol', 'carol-password')
    await expect(carol.setChatSettings({ chat_enabled: true })).rejects.toMatchObject({
      code: 'forbidden',
    })
    await expect(chat(await tokenOf('carol', 'carol-password'))).rejects.toThrow('refused')
    expect(await admin.setChatSettings({ chat_enabled: true })).toMatchObject({
      chat_enabled: true,
    })
    const status = await fetch(`${server.url}/api/status`).then((r) => r.json())
    expect(status).toMatchObject({ chat_enabled: true, chat_max_connections: 5 })
    // The reference's routes set the same settings.
    const call = caller(server.url, admin.token)
    const limits = await call('POST', '/api/config/chat_limits', {
      max_connections: 4,
      max_duration_minutes: 2,
    })
    expect(limits.body).toMatchObject({ chat_max_connections: 4, chat_max_duration_seconds: 120 })
    const enabled = await call('POST', '/api/config/chat_enabled', { enabled: true })
    expect(enabled.body).toEqual({ chat_enabled: true })
    await admin.setChatSettings({ chat_max_connections: 5 })
  })

  it('streams the LLM answer and says how it exited', async () => {
    await admin.setChatSettings({ chat_enabled: true, chat_max_duration_seconds: 60 })
    process.env.FAKE_LLM_MODE = 'echo'
    const c = await chat(await tokenOf('carol', 'carol-password'))
    c.say('hello \u001b[31mthere\u001b[0m')
    await c.until('chat_exit')
    expect(c.messages.map((m) => m.type)).toEqual([
      'chat_connected',
      'chat_ready',
      'chat_processing',
      ...c.messages.filter((m) => m.type === 'chat_output').map(() => 'chat_output'),
      'chat_exit',
    ])
    const text = c.messages
      .filter((m) => m.type === 'chat_output')
      .map((m) => m.text)
      .join('')
    expect(text).toBe('hello there\n')
    expect(c.messages.at(-1)).toEqual({ type: 'chat_exit' })
  })

  it('reports a failing command with its exit code', async () => {
    await admin.setChatSettings({ chat_enabled: true })
    process.env.FAKE_LLM_MODE = 'fail'
    const c = await chat(await tokenOf('carol', 'carol-password'))
    c.say('do it')
    await c.until('chat_exit')
    expect(c.messages.at(-1)).toEqual({ type: 'chat_exit', code: 3 })
    expect(c.messages.some((m) => m.stream === 'stderr' && m.text?.includes('could not'))).toBe(
      true,
    )
  })

  it('ends a run at the conversation limit with code 124', async () => {
    await admin.setChatSettings({ chat_enabled: true, chat_max_duration_seconds: 1 })
    process.env.FAKE_LLM_MODE = 'hang'
    process.env.FAKE_LLM_HANG_MS = '5000'
    const c = await chat(await tokenOf('carol', 'carol-password'))
    c.say('take your time')
    await c.until('chat_exit')
    expect(c.messages.find((m) => m.type === 'chat_error')?.error).toContain('conversation limit')
    expect(c.messages.at(-1)).toEqual({ type: 'chat_exit', code: 124 })
  })

  it('refuses a second prompt while one runs, and prompts beyond capacity', async () => {
    await admin.setChatSettings({
      chat_enabled: true,
      chat_max_connections: 1,
      chat_max_duration_seconds: 60,
    })
    process.env.FAKE_LLM_MODE = 'answer'
    process.env.FAKE_LLM_DELAY_MS = '800'
    onTestFinished(() => {
      delete process.env.FAKE_LLM_DELAY_MS
    })
    const token = await tokenOf('carol', 'carol-password')
    const a = await chat(token)
    const b = await chat(token)
    a.say('first')
    await a.until('chat_processing')
    a.say('again')
    b.say('me too')
    await a.until('chat_exit')
    expect(a.messages.find((m) => m.type === 'chat_error')?.error).toBe(
      'chat request already running',
    )
    await b.until('chat_error')
    expect(b.messages.find((m) => m.type === 'chat_error')?.error).toContain(
      'chat capacity reached',
    )
  })
})

describe('analyse', () => {
  it('creates the tickets the LLM proposes as children of the epic', async () => {
    process.env.FAKE_LLM_MODE = 'breakdown'
    await admin.createProject({ prefix: 'AN', title: 'Analysis' })
    const epic = await admin.createTicket({ project: 'AN', type: 'epic', title: 'Payments' })
    const result = await admin.analyse(epic.key)
    expect(result.parent).toBe(epic.key)
    expect(result.created.map((t) => [t.type, t.title, t.parent_id])).toEqual([
      ['task', 'Design the schema', epic.key],
      ['task', 'Write the endpoints', epic.key],
      ['bug', 'Fix the known crash', epic.key],
    ])
    const history = await admin.listHistory({ ticket: result.created[0]!.key })
    expect(history[0]!.payload).toMatchObject({ source: 'analyse' })
  })

  it('refuses proposals the hierarchy rules forbid, creating nothing', async () => {
    process.env.FAKE_LLM_MODE = 'breakdown'
    const task = await admin.createTicket({ project: 'AN', type: 'task', title: 'Small' })
    // A task may hold tasks and bugs, so this works; a bug may hold nothing.
    expect((await admin.analyse(task.key)).created).toHaveLength(3)
    const bug = await admin.createTicket({ project: 'AN', type: 'bug', title: 'Leaf' })
    await expect(admin.analyse(bug.key)).rejects.toMatchObject({ code: 'invalid' })
    await expect(
      admin.addBreakdown(task.key, {
        tickets: [
          { type: 'task', title: 'fine', description: '', acceptance_criteria: '' },
          { type: 'epic', title: 'not allowed', description: '', acceptance_criteria: '' },
        ],
      }),
    ).rejects.toMatchObject({ code: 'invalid' })
    expect((await admin.listTickets({ project: 'AN', parent: task.key })).length).toBe(3)
  })

  it('breaks a story down into top-level tickets linked to it', async () => {
    process.env.FAKE_LLM_MODE = 'breakdown'
    const story = await admin.createStory({
      project: 'AN',
      title: 'As a customer I can pay by card',
      description: 'Card payments at checkout',
    })
    const result = await admin.analyseStory(story.id)
    expect(result.parent).toBe(`story ${story.id}`)
    expect(result.created.map((t) => [t.type, t.parent_id])).toEqual([
      ['task', null],
      ['task', null],
      ['bug', null],
    ])
    expect((await admin.getStory(story.id)).tickets.map((t) => t.key)).toEqual(
      result.created.map((t) => t.key),
    )
  })

  it('says so when the LLM fails', async () => {
    process.env.FAKE_LLM_MODE = 'fail'
    const epic = await admin.createTicket({ project: 'AN', type: 'epic', title: 'Broken' })
    await expect(admin.analyse(epic.key)).rejects.toMatchObject({ code: 'unavailable' })
  })
})
