// node bench/queue.ts: the work queue (next, claim) and the project views (board, summary, count)
// against workspace size, CLI as ratios to `node -e 0` in the same run, server as round-trip
// medians on loopback (an upper bound of server time). Figures, never assertions.
// BENCH_QUEUE_HOMES=1000:/tmp/a/.ticket,1000000:/tmp/b/.ticket reuses seeded workspaces
// (bench/seed.ts); otherwise each size in BENCH_QUEUE_SIZES is seeded into a temporary one.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { seedWorkspace } from './seed.ts'

const TK = process.env.BENCH_TK ?? fileURLToPath(new URL('../bin/tk.js', import.meta.url))
const RUNS = Number(process.env.BENCH_RUNS ?? 7)
const VIEWS_UP_TO = Number(process.env.BENCH_VIEWS_UP_TO ?? 100_000)

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

function cli(args: string[], home: string): { ms: number; kb: number; failed?: string } {
  const t0 = process.hrtime.bigint()
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], {
    env: { ...process.env, TICKET_HOME: home, TICKET_USERNAME: '', NO_COLOR: '1' },
    encoding: 'utf8',
  })
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  const kb = Number(r.stderr.trim().split('\n').at(-1))
  if (r.status !== 0) return { ms, kb, failed: r.stderr.split('\n')[0] ?? 'failed' }
  return { ms, kb }
}

type Row = { size: number; what: string; ms: number; ratio?: number; mb?: number; failed?: string }

function measureCli(size: number, home: string, views: boolean): Row[] {
  const cases: [string, string[], string[]?][] = [
    ['tk next', ['next']],
    ['tk claim --dry-run', ['claim', '--dry-run']],
    // A real claim, given back (untimed) so every run takes from the same queue.
    ['tk claim', ['claim', '--json'], ['unclaim']],
  ]
  if (views)
    cases.push(['tk board', ['board']], ['tk summary', ['summary']], ['tk count', ['count']])
  const base: number[] = []
  const samples = new Map<string, ReturnType<typeof cli>[]>(cases.map(([n]) => [n, []]))
  for (let i = 0; i < RUNS; i++) {
    base.push(cli(['-e', '0'], home).ms)
    for (const [name, args, after] of cases) {
      samples.get(name)!.push(cli([TK, ...args], home))
      if (after) {
        const r = spawnSync(process.execPath, [TK, 'claim', '--dry-run', '--json'], {
          env: { ...process.env, TICKET_HOME: home, TICKET_USERNAME: '' },
          encoding: 'utf8',
        })
        const key = (JSON.parse(r.stdout) as { ticket?: { key: string } }).ticket?.key
        if (key) cli([TK, ...after, key], home)
      }
    }
  }
  const floor = median(base)
  return [
    { size, what: '`node -e 0`', ms: floor, ratio: 1 },
    ...cases.map(([name]) => {
      const s = samples.get(name)!
      const ms = median(s.map((x) => x.ms))
      return {
        size,
        what: `\`${name}\``,
        ms,
        ratio: ms / floor,
        mb: Math.max(...s.map((x) => x.kb)) / 1024,
        ...(s.find((x) => x.failed) ? { failed: s.find((x) => x.failed)!.failed } : {}),
      }
    }),
  ]
}

async function measureServer(size: number, home: string, views: boolean): Promise<Row[]> {
  const port = 19_000 + Math.floor(Math.random() * 1000)
  const base = `http://127.0.0.1:${port}`
  const child: ChildProcess = spawn(
    process.execPath,
    [TK, 'server', '-addr', `127.0.0.1:${port}`],
    {
      env: { ...process.env, TICKET_HOME: home },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (d: Buffer) => d.toString().includes('listening') && resolve())
      child.on('exit', (code) => reject(new Error(`server exited with ${code}`)))
    })
    const login = await fetch(`${base}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'bench-password' }),
    })
    const { token } = (await login.json()) as { token: string }
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
    const call = async (method: string, path: string, body?: unknown) => {
      const t0 = performance.now()
      const r = await fetch(`${base}${path}`, {
        method,
        headers,
        ...(body ? { body: JSON.stringify(body) } : {}),
      })
      const json = (await r.json()) as { ticket?: { key: string } }
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`)
      return { ms: performance.now() - t0, json }
    }
    const cases: [string, () => Promise<number>][] = [
      ['GET /api/next', async () => (await call('GET', '/api/next')).ms],
      [
        'POST /api/tickets/claim (dry run)',
        async () => (await call('POST', '/api/tickets/claim', { dry_run: true })).ms,
      ],
      [
        'POST /api/tickets/claim',
        async () => {
          const r = await call('POST', '/api/tickets/claim', {})
          if (r.json.ticket) await call('POST', `/api/tickets/${r.json.ticket.key}/unclaim`, {})
          return r.ms
        },
      ],
    ]
    if (views)
      cases.push(
        [
          'GET /api/projects/TK/board',
          async () => (await call('GET', '/api/projects/TK/board')).ms,
        ],
        [
          'GET /api/projects/TK/summary',
          async () => (await call('GET', '/api/projects/TK/summary')).ms,
        ],
        ['GET /api/count?project=TK', async () => (await call('GET', '/api/count?project=TK')).ms],
      )
    const rows: Row[] = []
    for (const [what, run] of cases) {
      const xs: number[] = []
      try {
        for (let i = 0; i < RUNS * 3; i++) xs.push(await run())
        rows.push({ size, what: `server ${what}`, ms: median(xs) })
      } catch (e) {
        rows.push({ size, what: `server ${what}`, ms: Number.NaN, failed: (e as Error).message })
      }
    }
    return rows
  } finally {
    child.kill()
  }
}

const homes = process.env.BENCH_QUEUE_HOMES
  ? process.env.BENCH_QUEUE_HOMES.split(',').map((s) => {
      const [n, home] = s.split(':')
      return { size: Number(n), home: home! }
    })
  : (process.env.BENCH_QUEUE_SIZES ?? '1000,100000').split(',').map((n) => ({
      size: Number(n),
      home: '',
    }))

const rows: Row[] = []
for (const { size, home } of homes) {
  const dir = home ? undefined : mkdtempSync(join(tmpdir(), 'tk-bench-'))
  const at = home || join(dir!, '.ticket')
  try {
    if (dir) await seedWorkspace(at, size)
    cli([TK, 'list', '-n', '1'], at) // warm the compile cache
    const views = size <= VIEWS_UP_TO
    rows.push(...measureCli(size, at, views), ...(await measureServer(size, at, views)))
    process.stderr.write(`measured ${size}\n`)
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true })
  }
}

const table = [
  `## Queue and views, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}, ${RUNS} CLI runs each`,
  '',
  '| tickets | command or route | median ms | ratio to node -e 0 | peak RSS MB |',
  '|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.size} | ${r.what} | ${r.failed ? `fails: ${r.failed.slice(0, 60)}` : r.ms.toFixed(1)} | ${r.ratio ? `${r.ratio.toFixed(2)}×` : '-'} | ${r.mb ? r.mb.toFixed(0) : '-'} |`,
  ),
].join('\n')
process.stdout.write(`${table}\n`)
