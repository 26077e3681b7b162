// Not part of npm run bench (it needs PostgreSQL): `node bench/postgres-ws.ts` after npm run build.
// Live events across servers: a throwaway cluster (the tests' one), BENCH_SERVER_SIZE tickets
// (1,000), two `tk server` processes on it, BENCH_WS_CLIENTS WebSocket clients (1,000) split
// evenly between them, then BENCH_WS_CHANGES changes (20, 200 ms apart) made through the first
// server. Each delivery's delay is from the change being sent to its event arriving; the
// clients of the first server are the same-run baseline for those of the second, whose events
// travel through PostgreSQL's NOTIFY. The clients run in this process.
import { cpus, loadavg } from 'node:os'
import { signIn, startBenchDatabase, startServer, stopServer } from './postgres-bench.ts'

const SIZE = Number(process.env.BENCH_SERVER_SIZE ?? 1_000)
const CLIENTS = Number(process.env.BENCH_WS_CLIENTS ?? 1_000)
const CHANGES = Number(process.env.BENCH_WS_CHANGES ?? 20)
const PORTS = [19_160, 19_161]

const p99 = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length * 0.99)] ?? Number.NaN
}

/** Opens one client on `base`, recording each probe's delay in `delays`. */
async function client(base: string, token: string, sentAt: Map<string, number>, delays: number[]) {
  const ws = new WebSocket(`${base.replace('http', 'ws')}/api/ws?token=${token}`)
  ws.addEventListener('message', (e) => {
    const m = JSON.parse(String(e.data)) as { ticket?: { title: string } }
    const t0 = m.ticket ? sentAt.get(m.ticket.title) : undefined
    if (t0 !== undefined) delays.push(performance.now() - t0)
  })
  await new Promise((resolve, reject) => {
    ws.addEventListener('open', resolve)
    ws.addEventListener('error', reject)
  })
  return ws
}

const bench = await startBenchDatabase(SIZE)
const loadBefore = loadavg()[0]!
let line = ''
try {
  const servers = await Promise.all(PORTS.map((p) => startServer(bench.url, p)))
  try {
    const bases = PORTS.map((p) => `http://127.0.0.1:${p}`)
    const token = await signIn(bases[0]!)
    const sentAt = new Map<string, number>()
    const delays: number[][] = [[], []]
    const sockets: WebSocket[] = []
    // 50 at a time, alternating servers.
    for (let i = 0; i < CLIENTS; i += 50) {
      const batch = Array.from({ length: Math.min(50, CLIENTS - i) }, (_, j) => (i + j) % 2)
      sockets.push(
        ...(await Promise.all(batch.map((s) => client(bases[s]!, token, sentAt, delays[s]!)))),
      )
    }
    process.stderr.write(`${sockets.length} clients open; ${CHANGES} changes…\n`)
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
    for (let i = 0; i < CHANGES; i++) {
      const title = `ws probe ${i}`
      sentAt.set(title, performance.now())
      await fetch(`${bases[0]}/api/tickets/TK-T-1`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify({ title }),
      })
      await new Promise((r) => setTimeout(r, 200))
    }
    await new Promise((r) => setTimeout(r, 2000))
    for (const ws of sockets) ws.close()
    const expected = (CLIENTS / 2) * CHANGES
    const row = (name: string, d: number[]) =>
      `| ${name} | ${CLIENTS / 2} | ${d.length} of ${expected} | ${p99(d).toFixed(0)} | ${Math.max(...d).toFixed(0)} |`
    line = [
      row('same server (A → A)', delays[0]!),
      row('across servers (A → NOTIFY → B)', delays[1]!),
    ].join('\n')
  } finally {
    await Promise.all(servers.map(stopServer))
  }
} finally {
  await bench.stop()
}
process.stdout.write(
  `${CLIENTS} WebSocket clients over 2 servers, ${CHANGES} changes through server A, ` +
    `${cpus().length} cores, load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after\n\n` +
    '| delivery | clients | deliveries | p99 ms | max ms |\n|---|---|---|---|---|\n' +
    `${line}\n`,
)
