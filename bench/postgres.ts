// Not part of npm run bench (it needs PostgreSQL): `node bench/postgres.ts` after npm run build.
// A throwaway PostgreSQL cluster (the tests' one: initdb + pg_ctl in a temp dir, durability off),
// 100,000 tickets (BENCH_SERVER_SIZE), then 1, 2 and 4 `tk server` processes on it, each load
// spread evenly over them by one load generator per server (wrk, or autocannon; load.ts) with
// 50 connections in all for 10 s (BENCH_DURATION). Prints a Markdown table for bench/RESULTS.md.
// BENCH_PG_SERVERS=1,2 picks the counts; BENCH_PG_LOADS=reads,creates picks the loads.
import { cpus, loadavg } from 'node:os'
import { GENERATOR, type LoadResult, runLoad } from './load.ts'
import {
  DURABILITY,
  signIn,
  startBenchDatabase,
  startServer,
  stopServer,
} from './postgres-bench.ts'

const SIZE = Number(process.env.BENCH_SERVER_SIZE ?? 100_000)
const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const COUNTS = (process.env.BENCH_PG_SERVERS ?? '1,2,4').split(',').map(Number)
const LOADS = (process.env.BENCH_PG_LOADS ?? 'reads,creates').split(',')

/** One load over every server at once: req/s summed, the worst p99, errors summed. */
async function spread(
  bases: readonly string[],
  extra: { headers: Record<string, string>; writes?: number; postBody?: string },
): Promise<LoadResult> {
  const each = await Promise.all(
    bases.map((base) =>
      runLoad({
        base,
        connections: Math.round(CONNECTIONS / bases.length),
        seconds: DURATION,
        randomTickets: SIZE,
        ...extra,
      }),
    ),
  )
  return {
    rps: each.reduce((s, r) => s + r.rps, 0),
    p99: Math.max(...each.map((r) => r.p99)),
    errors: each.reduce((s, r) => s + r.errors, 0),
    ok: each.reduce((s, r) => s + r.ok, 0),
    cpuUs: Number.NaN,
  }
}

const bench = await startBenchDatabase(SIZE)

const rows: string[] = []
try {
  for (const count of COUNTS) {
    const ports = Array.from({ length: count }, (_, i) => 19_100 + i)
    const servers = await Promise.all(ports.map((p) => startServer(bench.url, p)))
    try {
      const bases = ports.map((p) => `http://127.0.0.1:${p}`)
      const headers = { authorization: `Bearer ${await signIn(bases[0]!)}` }
      for (const name of LOADS) {
        process.stderr.write(`${count} server(s): ${name}…\n`)
        const r = await (name === 'reads'
          ? spread(bases, { headers })
          : spread(bases, {
              headers,
              writes: 1,
              postBody: JSON.stringify({ project: 'TK', title: 'bench create' }),
            })
        ).catch((e: Error) => e)
        if (r instanceof Error) {
          rows.push(`| ${count} | ${name} | failed: ${r.message.split('\n')[0]} | | |`)
          continue
        }
        rows.push(
          `| ${count} | ${name === 'reads' ? 'GET /api/tickets/:key' : 'POST /api/tickets'} | ${r.rps.toFixed(0)} | ${r.p99} | ${r.errors} |`,
        )
        process.stderr.write(`${rows.at(-1)}\n`)
      }
    } finally {
      await Promise.all(servers.map(stopServer))
    }
  }
} finally {
  await bench.stop()
}
process.stdout.write(
  `${GENERATOR}, ${CONNECTIONS} connections in all, ${DURATION} s per load, ${SIZE} tickets, ` +
    `${DURABILITY}, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} at the end\n\n` +
    '| servers | load | req/s | p99 ms | errors |\n|---|---|---|---|---|\n' +
    `${rows.join('\n')}\n`,
)
