import { request } from 'node:http'
import { describe, expect, it, onTestFinished } from 'vitest'
import { HttpService } from '../../src/client/http-service.ts'
import { spawnServer } from '../support/server-process.ts'

/** One request on a connection of its own (no keep-alive), so the kernel places each anew. */
function fresh(
  url: string,
  path: string,
  options: { method?: string; token?: string; body?: unknown } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body)
    const req = request(
      `${url}${path}`,
      {
        method: options.method ?? 'GET',
        agent: false,
        headers: {
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** A live-event client; its greeting's cursor names the thread serving it (change-cursor.ts). */
async function liveClient(url: string, token: string) {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/api/ws?token=${token}`)
  const messages: { type: string; key?: string; cursor?: string }[] = []
  const closed: { code?: number } = {}
  ws.addEventListener('message', (e) => messages.push(JSON.parse(String(e.data))))
  ws.addEventListener('close', (e) => {
    closed.code = e.code
  })
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve())
    ws.addEventListener('error', () => reject(new Error('connection refused')))
  })
  onTestFinished(() => ws.close())
  await expect.poll(() => messages.some((m) => m.type === 'connected')).toBe(true)
  const greeting = messages.find((m) => m.type === 'connected')!
  return { ws, messages, closed, thread: greeting.cursor!.split('.')[0]! }
}

const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

describe('tk server -threads 2 on SQLite', () => {
  it('spreads connections over both threads, and changes, keys, sign-in budget and shutdown span them', async () => {
    const server = await spawnServer(['-threads', '2'])
    expect(server.stdout()).toMatch(/listening: \S+ .* 2 threads/)
    expect(server.stdout().match(/listening:/g)).toHaveLength(1)
    const admin = new HttpService({ url: server.url })
    await admin.login('admin', server.adminPassword)
    const token = admin.token!
    await admin.createProject({ prefix: 'TH', title: 'Threads' })

    // Connections of their own land on both threads: /metrics, summed over the threads,
    // counts each thread's requests.
    for (let i = 0; i < 40; i++) expect((await fresh(server.url, '/api/healthz')).status).toBe(200)
    const scrape = await fetch(`${server.url}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
    })
    const metrics = await scrape.text()
    expect(sample(metrics, 'ticket_thread_requests_total{thread="0"}')).toBeGreaterThan(0)
    expect(sample(metrics, 'ticket_thread_requests_total{thread="1"}')).toBeGreaterThan(0)
    // Series of the whole process are one thread's reading, not a sum.
    expect(metrics).toMatch(/^ticket_process_resident_memory_bytes \d+/m)

    // Live clients until both threads serve one; a change made anywhere reaches each.
    const clients: Awaited<ReturnType<typeof liveClient>>[] = []
    for (let i = 0; i < 40 && new Set(clients.map((c) => c.thread)).size < 2; i++)
      clients.push(await liveClient(server.url, token))
    expect(new Set(clients.map((c) => c.thread)).size).toBe(2)
    const made = await fresh(server.url, '/api/tickets', {
      method: 'POST',
      token,
      body: { project: 'TH', title: 'heard everywhere' },
    })
    expect(made.status).toBe(201)
    for (const c of clients)
      await expect
        .poll(() => c.messages.some((m) => m.type === 'ticket.created' && m.key === 'TH-T-1'))
        .toBe(true)

    // 200 creates at once, over as many connections: one writer at a time across threads.
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        fetch(`${server.url}/api/tickets`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ project: 'TH', title: `burst ${i}` }),
        }).then(async (r) => ({
          status: r.status,
          key: ((await r.json()) as { key?: string }).key,
        })),
      ),
    )
    expect(answers.map((a) => a.status)).toEqual(Array(200).fill(201))
    const keys = answers.map((a) => Number(/\d+$/.exec(a.key!)![0])).sort((a, b) => a - b)
    expect(keys).toEqual(Array.from({ length: 200 }, (_, i) => i + 2))
    const listed = await admin.listTickets({ project: 'TH', limit: 500 })
    expect(new Set(listed.map((t) => t.key))).toEqual(
      new Set(['TH-T-1', ...answers.map((a) => a.key!)]),
    )

    // The sign-in budget (10 a minute per address, the first login spent one) is one budget
    // for every thread: the attempts land on both, and the eleventh is refused.
    const statuses: number[] = []
    for (let i = 0; i < 12; i++)
      statuses.push(
        (
          await fresh(server.url, '/api/login', {
            method: 'POST',
            body: { username: 'admin', password: 'wrong-password' },
          })
        ).status,
      )
    expect(statuses).toEqual([...Array(9).fill(401), 429, 429, 429])

    // SIGTERM: every thread closes its WebSockets with the reconnect hint, the process exits 0.
    const exited = new Promise<number | null>((resolve) => server.child.on('exit', resolve))
    server.child.kill('SIGTERM')
    expect(await exited).toBe(0)
    for (const c of clients) await expect.poll(() => c.closed.code).toBe(1012)
    expect(server.stderr()).not.toMatch(/server thread \d+ (stopped|failed)/)
  }, 60_000)

  it('-threads 1 is one thread, as before', async () => {
    const server = await spawnServer(['-threads', '1'])
    expect(server.stdout()).not.toMatch(/threads/)
    const admin = new HttpService({ url: server.url })
    await admin.login('admin', server.adminPassword)
    const metrics = await (
      await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${admin.token}` } })
    ).text()
    expect(metrics).not.toContain('ticket_thread_requests_total')
  })

  it('a second server on the port the threads share is refused, not let in beside them', async () => {
    const first = await spawnServer(['-threads', '2'])
    const { spawnSync } = await import('node:child_process')
    const { TK_BIN } = await import('../support/workspace.ts')
    const { tempDir } = await import('../support/temp-dir.ts')
    const second = spawnSync(
      process.execPath,
      [TK_BIN, 'server', '-addr', `127.0.0.1:${new URL(first.url).port}`, '-threads', '2'],
      {
        env: { ...process.env, TICKET_HOME: `${tempDir('tk-server-')}/.ticket`, TICKET_URL: '' },
        encoding: 'utf8',
        // Were it let in, it would serve until stopped: status null.
        timeout: 20_000,
      },
    )
    expect(second.status).toBe(1)
    expect(second.stderr).toMatch(/another process uses that port/)
  })

  it('refuses a thread count it cannot use', async () => {
    const { spawnSync } = await import('node:child_process')
    const { TK_BIN } = await import('../support/workspace.ts')
    const run = spawnSync(process.execPath, [TK_BIN, 'server', '-threads', '0'], {
      env: { ...process.env, TICKET_HOME: '/nonexistent/.ticket' },
      encoding: 'utf8',
    })
    expect(run.status).not.toBe(0)
    expect(run.stderr).toMatch(/-threads must be a whole number from 1 to 64/)
  })
})
