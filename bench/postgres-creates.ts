// Not part of npm run bench (it needs PostgreSQL): `node bench/postgres-creates.ts` after npm run
// build. What one create costs the database, in figures the machine's load does not change:
// a throwaway cluster (the tests' one), BENCH_SERVER_SIZE tickets (10,000), one `tk server`,
// then BENCH_CREATES creates (200) in project TK at each concurrency of BENCH_CONCURRENCY
// (1,20), each run on a freshly started server. Counts transactions committed and rolled back
// (a rollback is a write that lost a race and was retried) in pg_stat_database, less what a
// server's start and a login cost alone.
import { type ChildProcess, spawn } from 'node:child_process'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { openPostgresStore } from '../src/store/postgres/open-postgres.ts'
import { startPostgresCluster } from '../test/support/postgres-cluster.ts'
import { seedStore } from './seed.ts'

const TK = process.env.BENCH_TK ?? fileURLToPath(new URL('../bin/tk.js', import.meta.url))
const SIZE = Number(process.env.BENCH_SERVER_SIZE ?? 10_000)
const CREATES = Number(process.env.BENCH_CREATES ?? 200)
const LEVELS = (process.env.BENCH_CONCURRENCY ?? '1,20').split(',').map(Number)
const PORT = 19_150
const BASE = `http://127.0.0.1:${PORT}`

async function startServer(url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [TK, 'server', '-db', url, '-addr', `127.0.0.1:${PORT}`], {
    env: { ...process.env, TICKET_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('listening') && resolve())
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
  return child
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })

const cluster = await startPostgresCluster()
const admin = new pg.Client({ connectionString: `${cluster.url}/postgres` })
await admin.connect()
await admin.query('CREATE DATABASE tk_bench')
const url = `${cluster.url}/tk_bench`

type Counts = { commit: number; rollback: number }
/** The database's transaction counts, once every backend that served it has gone (and flushed). */
async function counts(): Promise<Counts> {
  for (;;) {
    const { rows } = await admin.query(
      `SELECT (SELECT count(*) FROM pg_stat_activity WHERE datname = 'tk_bench')::int AS n`,
    )
    if (rows[0].n === 0) break
    await new Promise((r) => setTimeout(r, 50))
  }
  await admin.query('SELECT pg_stat_clear_snapshot()')
  const { rows } = await admin.query(
    `SELECT xact_commit::int AS commit, xact_rollback::int AS rollback
       FROM pg_stat_database WHERE datname = 'tk_bench'`,
  )
  return rows[0] as Counts
}

/** Starts a server, signs in, makes `n` creates `concurrency` at a time, stops it. */
async function run(n: number, concurrency: number) {
  const before = await counts()
  const server = await startServer(url)
  let seconds = 0
  let failed = 0
  try {
    const login = await fetch(`${BASE}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'bench-password' }),
    })
    const { token } = (await login.json()) as { token: string }
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
    let next = 0
    const started = performance.now()
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < n) {
          next++
          const res = await fetch(`${BASE}/api/tickets`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ project: 'TK', title: 'bench create' }),
          })
          await res.arrayBuffer()
          if (res.status !== 201) failed++
        }
      }),
    )
    seconds = (performance.now() - started) / 1000
  } finally {
    await stop(server)
  }
  const after = await counts()
  return {
    seconds,
    failed,
    commit: after.commit - before.commit,
    rollback: after.rollback - before.rollback,
  }
}

process.stderr.write(`seeding ${SIZE} tickets…\n`)
const store = await openPostgresStore(url)
await seedStore(store, SIZE)
await store.close()

const rows: string[] = []
try {
  const idle = await run(0, 1)
  for (const c of LEVELS) {
    process.stderr.write(`${CREATES} creates, ${c} at a time…\n`)
    const r = await run(CREATES, c)
    const commits = r.commit - idle.commit
    const rollbacks = r.rollback - idle.rollback
    rows.push(
      `| ${c} | ${(CREATES / r.seconds).toFixed(0)} | ${((commits + rollbacks) / CREATES).toFixed(1)} | ` +
        `${rollbacks} (${((100 * rollbacks) / CREATES).toFixed(0)}%) | ${r.failed} |`,
    )
    process.stderr.write(`${rows.at(-1)}\n`)
  }
} finally {
  await admin.end()
  cluster.stop()
}
process.stdout.write(
  `${CREATES} creates per row, one server, ${SIZE} tickets, ${cpus().length} cores, ` +
    `load average ${loadavg()[0]!.toFixed(1)} at the end\n\n` +
    '| concurrency | creates/s | transactions per create | rolled back and retried | failed |\n' +
    '|---|---|---|---|---|\n' +
    `${rows.join('\n')}\n`,
)
