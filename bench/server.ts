// npm run bench (server part): `tk server` in a child process on loopback, loaded by autocannon
// with 50 connections for 10 s per load (quality.md "Server"); figures go to bench/RESULTS.md.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { seedWorkspace } from './seed.ts'

const TK = fileURLToPath(new URL('../bin/tk.js', import.meta.url))
const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url))
const SIZE = Number(process.env.BENCH_SERVER_SIZE ?? 100_000)
const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const CONNECTIONS = 50
const PORT = 18_000 + Math.floor(Math.random() * 1000)
const BASE = `http://127.0.0.1:${PORT}`

async function startServer(home: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [TK, 'server', '-addr', `127.0.0.1:${PORT}`], {
    env: { ...process.env, TICKET_HOME: home },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('listening') && resolve())
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
  return child
}

const statusMb = (pid: number, field: string) => {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) / 1024 : 0
}
const peakRssMb = (pid: number) => statusMb(pid, 'VmHWM')
const rssMb = (pid: number) => statusMb(pid, 'VmRSS')

type Row = { load: string; rps: number; p99: number; errors: number; target: string; note: string }

async function load(name: string, requests: autocannon.Request[]): Promise<autocannon.Result> {
  process.stderr.write(`${name}…\n`)
  return autocannon({ url: BASE, connections: CONNECTIONS, duration: DURATION, requests })
}

const row = (load: string, r: autocannon.Result, target: string, note = ''): Row => ({
  load,
  rps: r.requests.average,
  p99: r.latency.p99,
  errors: r.errors + r.timeouts + r.non2xx,
  target,
  note,
})

/** quality.md: a change reaches 1,000 connected clients within 100 ms (p99). */
async function fanOut(token: string): Promise<Row> {
  process.stderr.write('websocket fan-out…\n')
  const CLIENTS = 1000
  const CHANGES = 20
  const sentAt = new Map<string, number>()
  const delays: number[] = []
  const sockets: WebSocket[] = []
  for (let i = 0; i < CLIENTS; i++) {
    const ws = new WebSocket(`ws://127.0.0.1:${PORT}/api/ws?token=${token}`)
    ws.addEventListener('message', (e) => {
      const m = JSON.parse(String(e.data)) as { type: string; ticket?: { title: string } }
      const t0 = m.ticket ? sentAt.get(m.ticket.title) : undefined
      if (t0 !== undefined) delays.push(performance.now() - t0)
    })
    await new Promise((resolve, reject) => {
      ws.addEventListener('open', resolve)
      ws.addEventListener('error', reject)
    })
    sockets.push(ws)
  }
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
  for (let i = 0; i < CHANGES; i++) {
    const title = `ws probe ${i}`
    sentAt.set(title, performance.now())
    await fetch(`${BASE}/api/tickets/TK-T-1`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ title }),
    })
    await new Promise((r) => setTimeout(r, 200))
  }
  await new Promise((r) => setTimeout(r, 1000))
  for (const ws of sockets) ws.close()
  delays.sort((a, b) => a - b)
  const p99 = delays[Math.floor(delays.length * 0.99)] ?? Number.NaN
  return {
    load: `a change on /api/ws to ${CLIENTS} clients (${CHANGES} changes)`,
    rps: Number.NaN,
    p99: Math.round(p99),
    errors: CLIENTS * CHANGES - delays.length,
    target: 'p99 ≤ 100 ms',
    note: `${delays.length} deliveries; p99 from the PATCH being sent`,
  }
}

/**
 * quality.md: full-text search over all tickets in ≤ 20 ms, one request at a time. The seed's
 * words are common on purpose (each in about a third of the tickets; "ticket" in all of them),
 * so every query ranks tens of thousands of matches.
 */
async function searchTimes(headers: Record<string, string>): Promise<Row[]> {
  process.stderr.write('search…\n')
  const time = async (words: string[], label: string): Promise<Row> => {
    const times: number[] = []
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now()
      const r = await fetch(`${BASE}/api/tickets?q=${words[i % words.length]}&limit=50`, {
        headers,
      })
      await r.arrayBuffer()
      times.push(performance.now() - t0)
    }
    times.sort((a, b) => a - b)
    const at = (q: number) => times[Math.floor(times.length * q)]!
    return {
      load: `full-text search, 50 best of ${SIZE}: ${label}`,
      rps: Number.NaN,
      p99: Math.round(at(0.99)),
      errors: 0,
      target: '≤ 20 ms server time',
      note: `median ${at(0.5).toFixed(1)} ms round trip`,
    }
  }
  return [
    await time(['login', 'report', 'cache', 'token', 'email'], 'a word in a third of them'),
    await time(['ticket'], 'a word in every one'),
  ]
}

const dir = mkdtempSync(join(tmpdir(), 'tk-bench-server-'))
const home = join(dir, '.ticket')
let server: ChildProcess | undefined
const rows: Row[] = []
try {
  await seedWorkspace(home, SIZE)
  server = await startServer(home)
  const login = await fetch(`${BASE}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'bench-password' }),
  })
  const { token } = (await login.json()) as { token: string }
  const headers = { authorization: `Bearer ${token}` }
  const json = { ...headers, 'content-type': 'application/json' }
  const randomKey = () => `TK-T-${1 + Math.floor(Math.random() * SIZE)}`
  const getTicket: autocannon.Request = {
    method: 'GET',
    headers,
    setupRequest: (req) => ({ ...req, path: `/api/tickets/${randomKey()}` }),
  }
  const createdSeqs: number[] = []
  const create: autocannon.Request = {
    method: 'POST',
    path: '/api/tickets',
    headers: json,
    body: JSON.stringify({ project: 'TK', title: 'bench create' }),
    onResponse: (status, body) => {
      if (status === 201)
        createdSeqs.push(Number((JSON.parse(body) as { key: string }).key.split('-')[2]))
    },
  }

  rows.push(row('GET one ticket', await load('get', [getTicket]), '≥ 8,000 req/s, p99 ≤ 20 ms'))
  const list = await load('list', [
    { method: 'GET', headers, path: '/api/projects/TK/tickets?state=idle&type=task&limit=50' },
  ])
  rows.push(row(`GET a filtered list page of 50 (of ${SIZE})`, list, '≥ 2,000 req/s, p99 ≤ 50 ms'))
  const creates = await load('create', [create])
  // Every 2xx ticket is there and keys are unique and gap-free: the answered keys, and any the
  // server made for requests cut off at the end, fill SIZE+1 … max exactly.
  const unique = new Set(createdSeqs).size === createdSeqs.length
  const max = Math.max(SIZE, ...createdSeqs)
  const answered = new Set(createdSeqs)
  let missing = 0
  for (let seq = SIZE + 1; seq <= max; seq++)
    if (!answered.has(seq)) {
      const r = await fetch(`${BASE}/api/tickets/TK-T-${seq}`, { headers })
      if (r.status !== 200) missing++
    }
  const intact = unique && missing === 0
  const created = createdSeqs.length
  rows.push(
    row(
      'POST create ticket',
      creates,
      '≥ 2,000 req/s, p99 ≤ 50 ms',
      `${created} created; keys ${intact ? 'gap-free' : 'NOT gap-free'}`,
    ),
  )
  // quality.md measures memory under the mixed load, so it runs on a fresh server (same
  // database) whose resident size is sampled while it runs.
  const peakBefore = peakRssMb(server.pid!)
  server.kill('SIGTERM')
  await new Promise((resolve) => server?.on('exit', resolve))
  server = await startServer(home)
  let peakMixed = 0
  const sampler = setInterval(() => {
    peakMixed = Math.max(peakMixed, rssMb(server!.pid!))
  }, 50)
  const mixed = await load('mixed', [
    {
      method: 'GET',
      headers,
      setupRequest: (req) =>
        Math.random() < 0.1
          ? {
              ...req,
              method: 'POST',
              path: '/api/tickets',
              headers: json,
              body: JSON.stringify({ project: 'TK', title: 'mixed' }),
            }
          : { ...req, method: 'GET', path: `/api/tickets/${randomKey()}`, headers, body: '' },
    },
  ])
  clearInterval(sampler)
  rows.push(
    row(
      'mixed 90% reads / 10% writes',
      mixed,
      '≥ 5,000 req/s, zero errors',
      `peak RSS ${peakMixed.toFixed(0)} MB under this load on a fresh server (≤ 200 MB); ${peakBefore.toFixed(0)} MB after the three loads above`,
    ),
  )
  rows.push(...(await searchTimes(headers)))
  rows.push(await fanOut(token))
} finally {
  server?.kill('SIGTERM')
  rmSync(dir, { recursive: true, force: true })
}

const table = [
  '| load | req/s (mean) | p99 ms | errors + non-2xx | target | note |',
  '|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.load} | ${Number.isNaN(r.rps) ? '-' : r.rps.toFixed(0)} | ${r.p99} | ${r.errors} | ${r.target} | ${r.note} |`,
  ),
].join('\n')
const section = `## Server, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}, ${SIZE} tickets, ${CONNECTIONS} connections, ${DURATION} s each, autocannon on loopback\n\n${table}\n\nautocannon and the server share the machine's cores, so these are lower bounds of what the server alone does; the WebSocket clients run in the benchmark process too.\n`
const previous = existsSync(RESULTS)
  ? readFileSync(RESULTS, 'utf8')
      .replace(/## Server,[\s\S]*?(?=\n## |$)/, '')
      .trim()
  : '# Benchmark results'
writeFileSync(RESULTS, `${previous}\n\n${section}`)
process.stdout.write(`${section}\n`)
