// Not part of npm run bench (it needs PostgreSQL): in one process, one GET one ticket at a time
// on PostgreSQL (decision 0053), the CPU it costs this process and the cluster's processes, per
// GET, and its wall time. Random keys of 100,000 tickets (BENCH_SERVER_SIZE), BENCH_N GETs per
// round, BENCH_ROUNDS rounds. BENCH_PG_URL=postgres://…/db reuses a seeded database (seed.ts)
// instead of starting a throwaway cluster. `node bench/postgres-get-one.ts` after npm run build.
import { loadavg } from 'node:os'
import pg from 'pg'
import { login } from '../src/service/local/accounts.ts'
import { ServiceHost } from '../src/service/service-host.ts'
import { openPostgresStore } from '../src/store/postgres/open-postgres.ts'
import { type BenchDatabase, startBenchDatabase } from './postgres-bench.ts'
import { clusterCpuSeconds, parentPid } from './proc-stat.ts'

const SIZE = Number(process.env.BENCH_SERVER_SIZE ?? 100_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const N = Number(process.env.BENCH_N ?? 3000)

const bench: BenchDatabase | undefined = process.env.BENCH_PG_URL
  ? undefined
  : await startBenchDatabase(SIZE)
const url = process.env.BENCH_PG_URL ?? bench!.url
const admin = new pg.Client({ connectionString: url })
await admin.connect()
const backend = (await admin.query('SELECT pg_backend_pid() AS p')).rows[0].p as number
const postmaster = parentPid(backend)
const store = await openPostgresStore(url)
const host = new ServiceHost({ store })
const { token } = await login(store, 'admin', 'bench-password', new Date())
const keys = Array.from({ length: 4096 }, () => `TK-T-${1 + Math.floor(Math.random() * SIZE)}`)

const get = async (i: number) => {
  const found = await host.ticketWithRecordsAs(token, keys[i & 4095]!)
  if (!found) throw new Error('signed out')
  return JSON.stringify(found.value)
}
for (let i = 0; i < 500; i++) await get(i)
const rows: string[] = []
for (let r = 0; r < ROUNDS; r++) {
  const cpu = process.cpuUsage()
  const pg0 = clusterCpuSeconds(postmaster)
  const start = performance.now()
  for (let i = 0; i < N; i++) await get(i)
  const wall = ((performance.now() - start) * 1000) / N
  const used = process.cpuUsage(cpu)
  const pgUs = ((clusterCpuSeconds(postmaster) - pg0) * 1e6) / N
  rows.push(
    `| ${r + 1} | ${((used.user + used.system) / N).toFixed(0)} | ${pgUs.toFixed(0)} | ${wall.toFixed(0)} | ${loadavg()[0]!.toFixed(1)} |`,
  )
  process.stderr.write(`${rows.at(-1)}\n`)
}
process.stdout.write(
  `${N} GETs per round, one at a time, ${SIZE} tickets\n\n| round | node µs / GET | PostgreSQL µs / GET | wall µs / GET | load average |\n|---|---|---|---|---|\n${rows.join('\n')}\n`,
)
await host.close()
await admin.end()
await bench?.stop()
