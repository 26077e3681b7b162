// Not part of npm run bench: loads one route of a seeded server started with --cpu-prof, to see
// where a request's time goes. BENCH_ROUTE=get|list|create|health, BENCH_SERVER_SIZE, PROF_DIR.
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { seedWorkspace } from './seed.ts'

const TK = fileURLToPath(new URL('../bin/tk.js', import.meta.url))
const SIZE = Number(process.env.BENCH_SERVER_SIZE ?? 100_000)
const ROUTE = process.env.BENCH_ROUTE ?? 'get'
const PORT = 19_000 + Math.floor(Math.random() * 1000)
const home = process.env.BENCH_HOME ?? join(mkdtempSync(join(tmpdir(), 'tk-prof-')), '.ticket')
if (!process.env.BENCH_HOME) await seedWorkspace(home, SIZE)
const prof = process.env.PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROF_DIR}`] : []
const child = spawn(process.execPath, [...prof, TK, 'server', '-addr', `127.0.0.1:${PORT}`], {
  env: { ...process.env, TICKET_HOME: home },
  stdio: ['ignore', 'pipe', 'inherit'],
})
await new Promise<void>((r) =>
  child.stdout?.on('data', (d: Buffer) => d.toString().includes('listening') && r()),
)
const BASE = `http://127.0.0.1:${PORT}`
const { token } = (await (
  await fetch(`${BASE}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'bench-password' }),
  })
).json()) as { token: string }
const headers = { authorization: `Bearer ${token}` }
const requests: Record<string, autocannon.Request> = {
  health: { method: 'GET', path: '/api/health', headers },
  get: {
    method: 'GET',
    headers,
    setupRequest: (req) => ({
      ...req,
      path: `/api/tickets/TK-T-${1 + Math.floor(Math.random() * SIZE)}`,
    }),
  },
  list: { method: 'GET', headers, path: '/api/projects/TK/tickets?state=idle&type=task&limit=50' },
  create: {
    method: 'POST',
    path: '/api/tickets',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ project: 'TK', title: 'bench create' }),
  },
}
const r = await autocannon({
  url: BASE,
  connections: 50,
  duration: Number(process.env.BENCH_DURATION ?? 10),
  requests: [requests[ROUTE]!],
})
console.log(
  ROUTE,
  'req/s',
  r.requests.average,
  'p99',
  r.latency.p99,
  'non2xx',
  r.non2xx,
  'errors',
  r.errors,
  'home',
  home,
)
child.kill('SIGTERM')
await new Promise((r) => child.on('exit', r))
