// Not part of npm run bench (it needs PostgreSQL): `node bench/postgres-creates.ts` after npm run
// build. What one create costs the database, in figures the machine's load does not change:
// a throwaway cluster (the tests' one), BENCH_SERVER_SIZE tickets (10,000), one `tk server`,
// then BENCH_CREATES creates (200) in project TK at each concurrency of BENCH_CONCURRENCY
// (1,20), each run on a freshly started server. Counts transactions committed and rolled back
// (a rollback is a write that lost a race and was retried) in pg_stat_database, and statements
// (BEGIN and COMMIT included) in pg_stat_statements, less what a server's start and a login
// cost alone.
import { cpus, loadavg } from 'node:os'
import {
  type DatabaseCounts,
  DURABILITY,
  databaseCounts,
  signIn,
  startBenchDatabase,
  startServer,
  stopServer,
} from './postgres-bench.ts'

const SIZE = Number(process.env.BENCH_SERVER_SIZE ?? 10_000)
const CREATES = Number(process.env.BENCH_CREATES ?? 200)
const LEVELS = (process.env.BENCH_CONCURRENCY ?? '1,20').split(',').map(Number)
const PORT = 19_150
const BASE = `http://127.0.0.1:${PORT}`

const bench = await startBenchDatabase(SIZE)
const counts = () => databaseCounts(bench.admin)

/** Starts a server, signs in, makes `n` creates `concurrency` at a time, stops it. */
async function run(n: number, concurrency: number) {
  const before = await counts()
  const server = await startServer(bench.url, PORT)
  let seconds = 0
  let failed = 0
  try {
    const token = await signIn(BASE)
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
    await stopServer(server)
  }
  const after = await counts()
  const less = (k: keyof DatabaseCounts) => after[k] - before[k]
  return {
    seconds,
    failed,
    statements: less('statements'),
    commits: less('commits'),
    rollbacks: less('rollbacks'),
  }
}

const rows: string[] = []
try {
  const idle = await run(0, 1)
  for (const c of LEVELS) {
    process.stderr.write(`${CREATES} creates, ${c} at a time…\n`)
    const r = await run(CREATES, c)
    const commits = r.commits - idle.commits
    const rollbacks = r.rollbacks - idle.rollbacks
    const statements = r.statements - idle.statements
    rows.push(
      `| ${c} | ${(CREATES / r.seconds).toFixed(0)} | ${(statements / CREATES).toFixed(1)} | ` +
        `${((commits + rollbacks) / CREATES).toFixed(1)} | ` +
        `${rollbacks} (${((100 * rollbacks) / CREATES).toFixed(0)}%) | ${r.failed} |`,
    )
    process.stderr.write(`${rows.at(-1)}\n`)
  }
} finally {
  await bench.stop()
}
process.stdout.write(
  `${CREATES} creates per row, one server, ${SIZE} tickets, ${DURABILITY}, ${cpus().length} cores, ` +
    `load average ${loadavg()[0]!.toFixed(1)} at the end\n\n` +
    '| concurrency | creates/s | statements per create | transactions per create | rolled back and retried | failed |\n' +
    '|---|---|---|---|---|---|\n' +
    `${rows.join('\n')}\n`,
)
