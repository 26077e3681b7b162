import { cpus, loadavg } from 'node:os'
import { GENERATOR, type LoadResult, runLoad } from './load.ts'
import {
  DURABILITY,
  signIn,
  startBenchDatabase,
  startServer,
  stopServer,
} from './postgres-bench.ts'
import { clusterCpuSeconds, cpuSeconds, endedChildrenCpuSeconds, parentPid } from './proc-stat.ts'

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

/** Requests answered on `route` by `method`, and the creates grouping's counts, from /metrics. */
async function scrape(base: string, auth: Record<string, string>, method: string, route: string) {
  const text = await (await fetch(`${base}/metrics`, { headers: auth })).text()
  let requests = 0
  for (const m of text.matchAll(/^ticket_http_requests_total\{([^}]*)\} (\S+)$/gm))
    if (m[1]!.includes(`method="${method}"`) && m[1]!.includes(`route="${route}"`))
      requests += Number(m[2])
  const gauge = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 0)
  return {
    requests,
    statements: gauge('ticket_create_statements'),
    written: gauge('ticket_creates_written'),
  }
}

// BENCH_PG_STATEMENTS=1: also what PostgreSQL ran per request (pg_stat_statements), by statement.
const STATEMENTS = process.env.BENCH_PG_STATEMENTS === '1'
const details: string[] = []

/** Calls and execution time of each statement per request served, the costliest first. */
async function statementsPer(served: number, title: string): Promise<string> {
  const { rows } = await bench.admin.query(
    `SELECT calls, total_exec_time AS ms, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS q
       FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
      WHERE d.datname = 'tk_bench' ORDER BY total_exec_time DESC LIMIT 12`,
  )
  return (
    `${title}, ${served} requests:\n\n| calls per request | µs per request | statement |\n|---|---|---|\n` +
    rows
      .map(
        (r) =>
          `| ${(Number(r.calls) / served).toFixed(2)} | ${((Number(r.ms) * 1000) / served).toFixed(0)} | \`${r.q.replaceAll('|', '\\|')}\` |`,
      )
      .join('\n')
  )
}

const bench = await startBenchDatabase(SIZE)
const postmaster = parentPid((await bench.admin.query('SELECT pg_backend_pid() AS p')).rows[0].p)

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
        const [method, route] =
          name === 'reads' ? ['GET', '/api/tickets/:ref'] : ['POST', '/api/tickets']
        const sample = async () => {
          const scraped = await Promise.all(bases.map((b) => scrape(b, headers, method!, route!)))
          const sum = (k: 'requests' | 'statements' | 'written') =>
            scraped.reduce((s, x) => s + x[k], 0)
          return {
            node: servers.reduce((s, c) => s + (cpuSeconds(c.pid!) ?? 0), 0),
            generator: endedChildrenCpuSeconds(),
            postgres: clusterCpuSeconds(postmaster),
            requests: sum('requests'),
            statements: sum('statements'),
            written: sum('written'),
          }
        }
        if (STATEMENTS) await bench.admin.query('SELECT pg_stat_statements_reset()')
        const s0 = await sample()
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
        const s1 = await sample()
        const served = s1.requests - s0.requests
        if (STATEMENTS) details.push(await statementsPer(served, `${count} server(s), ${name}`))
        const perRequest = (k: 'node' | 'postgres' | 'generator') =>
          (((s1[k] - s0[k]) / served) * 1e6).toFixed(0)
        const group =
          s1.statements > s0.statements
            ? ((s1.written - s0.written) / (s1.statements - s0.statements)).toFixed(1)
            : '-'
        rows.push(
          `| ${count} | ${name === 'reads' ? 'GET /api/tickets/:key' : 'POST /api/tickets'} | ${r.rps.toFixed(0)} | ${r.p99} | ${r.errors} | ${perRequest('node')} | ${perRequest('postgres')} | ${perRequest('generator')} | ${name === 'reads' ? '-' : group} | ${loadavg()[0]!.toFixed(1)} |`,
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
    '| servers | load | req/s | p99 ms | errors | node CPU µs/req | postgres CPU µs/req | load generator CPU µs/req | creates per statement | load average |\n|---|---|---|---|---|---|---|---|---|---|\n' +
    `${rows.join('\n')}\n${details.map((d) => `\n${d}\n`).join('')}`,
)
