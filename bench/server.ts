// npm run bench (server part): `tk server` in a child process on loopback, loaded by wrk (or
// autocannon, see load.ts) with 50 connections for 10 s per load (quality.md "Server"), after
// the same loads on two bare baselines (baseline.ts); figures and their ratios to the baselines
// go to bench/RESULTS.md. `npm run bench:quick` (BENCH_QUICK=1): 10,000 tickets, 3 s per load,
// ratios printed and nothing written. BENCH_TK=path/to/bin/tk.js measures another build.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { fileURLToPath } from 'node:url'
import { type Baselines, loadAverage, measureBaselines } from './baseline.ts'
import { GENERATOR, type LoadResult, type LoadSpec, runLoad } from './load.ts'
import { seedWorkspace } from './seed.ts'

const TK = process.env.BENCH_TK ?? fileURLToPath(new URL('../bin/tk.js', import.meta.url))
const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url))
const QUICK = process.env.BENCH_QUICK === '1'
const SIZE = Number(process.env.BENCH_SERVER_SIZE ?? (QUICK ? 10_000 : 100_000))
const DURATION = Number(process.env.BENCH_DURATION ?? (QUICK ? 3 : 10))
const CONNECTIONS = 50
const PORT = 18_000 + Math.floor(Math.random() * 1000)
const BASE = `http://127.0.0.1:${PORT}`

async function startServer(home: string): Promise<ChildProcess> {
  // BENCH_NODE_FLAGS: Node or V8 flags for the server under test, e.g. a GC setting to compare.
  const flags = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []
  const child = spawn(process.execPath, [...flags, TK, 'server', '-addr', `127.0.0.1:${PORT}`], {
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

type Row = {
  load: string
  rps: number
  p99: number
  errors: number
  cpuUs: number
  /** Ratio targets are to the node:http baseline (quality.md "Server"). */
  target: string
  note: string
}

/** Every load of one run: the same connections and seconds, against `base`. */
const spec = (extra: Omit<LoadSpec, 'base' | 'connections' | 'seconds'>): LoadSpec => ({
  base: BASE,
  connections: CONNECTIONS,
  seconds: DURATION,
  ...extra,
})

async function load(name: string, s: LoadSpec): Promise<LoadResult> {
  process.stderr.write(`${name}…\n`)
  return runLoad({ ...s, pid: server?.pid })
}

const row = (load: string, r: LoadResult, target: string, note = ''): Row => ({
  load,
  rps: r.rps,
  p99: r.p99,
  errors: r.errors,
  cpuUs: r.cpuUs,
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
    cpuUs: Number.NaN,
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
      cpuUs: Number.NaN,
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
const uptimeBefore = loadAverage()
let server: ChildProcess | undefined
let baselines: Baselines | undefined
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
  const getOne = spec({ headers, randomTickets: SIZE })
  const oneBody = await (await fetch(`${BASE}/api/tickets/TK-T-1`, { headers })).text()
  baselines = await measureBaselines(
    getOne,
    oneBody,
    join(dir, 'one.json'),
    join(home, 'ticket.db'),
    PORT + 1,
  )
  const createBody = JSON.stringify({ project: 'TK', title: 'bench create' })

  rows.push(row('GET one ticket', await load('get', getOne), '≥ 0.3×, p99 ≤ 20 ms'))
  const list = await load(
    'list',
    spec({ headers, path: '/api/projects/TK/tickets?state=idle&type=task&limit=50' }),
  )
  rows.push(row(`GET a filtered list page of 50 (of ${SIZE})`, list, '≥ 0.08×, p99 ≤ 50 ms'))
  const creates = await load('create', spec({ headers, writes: 1, postBody: createBody }))
  rows.push(row('POST create ticket', creates, '≥ 0.06×, p99 ≤ 50 ms', createdIntact(creates)))
  if (!QUICK) {
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
    const mixed = await load(
      'mixed',
      spec({ headers, randomTickets: SIZE, writes: 0.1, postBody: createBody }),
    )
    clearInterval(sampler)
    rows.push(
      row(
        'mixed 90% reads / 10% writes',
        mixed,
        '≥ 0.2×, zero errors',
        `peak RSS ${peakMixed.toFixed(0)} MB under this load on a fresh server (≤ 200 MB); ${peakBefore.toFixed(0)} MB after the three loads above`,
      ),
    )
    rows.push(...(await searchTimes(headers)))
    rows.push(await fanOut(token))
  } else {
    const mixed = await load(
      'mixed',
      spec({ headers, randomTickets: SIZE, writes: 0.1, postBody: createBody }),
    )
    rows.push(row('mixed 90% reads / 10% writes', mixed, '≥ 0.2×, zero errors'))
  }
} finally {
  server?.kill('SIGTERM')
  rmSync(dir, { recursive: true, force: true })
}

/**
 * quality.md: every 2xx create is there, keys unique and gap-free. Keys are unique by the
 * schema; the new ones must fill SIZE+1 … their maximum, and number at least the 2xx answers
 * (requests cut off at the end may have made tickets nobody heard of).
 */
function createdIntact(r: LoadResult): string {
  const db = new DatabaseSync(join(home, 'ticket.db'), { readOnly: true })
  const { n, top } = db
    .prepare(
      `SELECT count(*) AS n, max(seq) AS top FROM tickets
       WHERE project_id = (SELECT id FROM projects WHERE prefix = 'TK') AND seq > ?`,
    )
    .get(SIZE) as { n: number; top: number | null }
  db.close()
  const intact = n === (top ?? SIZE) - SIZE && n >= r.ok
  return `${r.ok} created (2xx); keys ${intact ? 'gap-free' : 'NOT gap-free'}`
}

const ratio = (rps: number, base: LoadResult | undefined) =>
  Number.isNaN(rps) || !base ? '' : `${(rps / base.rps).toFixed(2)}×`
const uptimeAfter = loadAverage()
const busy = Math.max(...loadavg().slice(0, 2)) > cpus().length
const baseRows: Row[] = baselines
  ? [
      row(
        'baseline: bare node:http answering the same JSON',
        baselines.http,
        '1.00× by definition',
      ),
      row('baseline: bare Fastify route reading one row from node:sqlite', baselines.fastify, ''),
    ]
  : []
const table = [
  '| load | req/s (mean) | × node:http | × bare Fastify | server CPU µs per request | p99 ms | errors + non-2xx | target | note |',
  '|---|---|---|---|---|---|---|---|---|',
  ...[...baseRows, ...rows].map(
    (r) =>
      `| ${r.load} | ${Number.isNaN(r.rps) ? '-' : r.rps.toFixed(0)} | ${ratio(r.rps, baselines?.http)} | ${ratio(r.rps, baselines?.fastify)} | ${Number.isNaN(r.cpuUs) ? '-' : r.cpuUs.toFixed(0)} | ${r.p99} | ${r.errors} | ${r.target} | ${r.note} |`,
  ),
].join('\n')
const section = `## Server, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}, ${SIZE} tickets, ${CONNECTIONS} connections, ${DURATION} s each, ${GENERATOR} on loopback, load average ${uptimeBefore} before and ${uptimeAfter} after (1 / 5 / 15 min)

${table}

The load generator and the servers share the machine's cores, so req/s are lower bounds of what a server alone does, and they move with whatever else the machine runs; the ratios to the baselines, measured minutes apart in the same run, move much less, and the server's CPU time per request least (req/s × CPU per request is the share of a core the server got). When the load average exceeds the cores, treat even the ratios as rough (repeat the run). The WebSocket clients run in the benchmark process.
${busy ? `\n**Not final figures:** the load average (${uptimeAfter}) exceeded the ${cpus().length} cores; repeat \`npm run bench:server\` on a quieter machine.\n` : ''}`
if (QUICK) {
  process.stdout.write(`${section}\n`)
  process.exit(0)
}
const previous = existsSync(RESULTS)
  ? readFileSync(RESULTS, 'utf8')
      .replace(/## Server,[\s\S]*?(?=\n## |$)/, '')
      .trim()
  : '# Benchmark results'
writeFileSync(RESULTS, `${previous}\n\n${section}`)
process.stdout.write(`${section}\n`)
