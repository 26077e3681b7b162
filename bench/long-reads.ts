// `node bench/long-reads.ts`: GET one ticket's p99 alone, and while 10 connections run broad
// searches (a word in every ticket, 50 best), on `tk server` over 100,000 tickets (decision
// 0028); beside the same GET load on a bare node:http server in the same run. Both loads by
// wrk (or autocannon, see load.ts), side by side. Prints a table for bench/RESULTS.md.
// BENCH_HOME reuses a workspace made by bench/seed.ts; BENCH_TK measures another build;
// BENCH_SERVER_SIZE (100000), BENCH_DURATION (10 s), BENCH_GET_CONNECTIONS (2).
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadAverage } from './baseline.ts'
import { GENERATOR, type LoadResult, runLoad } from './load.ts'
import { seedWorkspace } from './seed.ts'

const TK = process.env.BENCH_TK ?? fileURLToPath(new URL('../bin/tk.js', import.meta.url))
const BASELINE = fileURLToPath(new URL('./baseline-server.ts', import.meta.url))
const SIZE = Number(process.env.BENCH_SERVER_SIZE ?? 100_000)
const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const GETS = Number(process.env.BENCH_GET_CONNECTIONS ?? 2)
const SEARCHERS = 10
const PORT = 19_000 + Math.floor(Math.random() * 1000)

async function spawnUntil(args: string[], env: NodeJS.ProcessEnv, word: string) {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => d.toString().includes(word) && resolve())
    child.on('exit', (code) => reject(new Error(`${args[0]} exited with ${code}`)))
  })
  return child
}

async function stop(child: ChildProcess) {
  child.removeAllListeners('exit')
  const exited = new Promise((resolve) => child.on('exit', resolve))
  child.kill('SIGTERM')
  await exited
}

const dir = mkdtempSync(join(tmpdir(), 'tk-bench-long-'))
const home = process.env.BENCH_HOME ?? join(dir, '.ticket')
const before = loadAverage()
const rows: string[] = []
const fmt = (name: string, r: LoadResult, note = '') =>
  `| ${name} | ${Math.round(r.rps)} | ${r.p99} | ${r.errors} | ${note} |`
try {
  if (!process.env.BENCH_HOME) await seedWorkspace(home, SIZE)
  const base = `http://127.0.0.1:${PORT}`
  const server = await spawnUntil(
    [TK, 'server', '-addr', `127.0.0.1:${PORT}`],
    { TICKET_HOME: home },
    'listening',
  )
  try {
    const login = await fetch(`${base}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'bench-password' }),
    })
    const { token } = (await login.json()) as { token: string }
    const headers = { authorization: `Bearer ${token}` }
    const getOne = {
      base,
      headers,
      connections: GETS,
      seconds: DURATION,
      randomTickets: SIZE,
      pid: server.pid,
    }
    const body = await (await fetch(`${base}/api/tickets/TK-T-1`, { headers })).text()
    // The same GET load on bare node:http answering that JSON, in the same run.
    const bodyFile = join(dir, 'one.json')
    writeFileSync(bodyFile, body)
    process.stderr.write('baseline node:http…\n')
    const http = await spawnUntil([BASELINE, 'http', String(PORT + 1), bodyFile], {}, 'listening')
    try {
      const r = await runLoad({ ...getOne, base: `http://127.0.0.1:${PORT + 1}`, pid: http.pid })
      rows.push(fmt(`baseline: bare node:http, GET one's JSON, ${GETS} connections`, r))
    } finally {
      await stop(http)
    }
    process.stderr.write('GET one alone…\n')
    rows.push(fmt(`GET one ticket alone, ${GETS} connections`, await runLoad(getOne)))
    process.stderr.write('GET one beside searches…\n')
    // The searches start first and end after: every measured GET has them beside it.
    const searches = runLoad({
      base,
      headers,
      connections: SEARCHERS,
      seconds: DURATION + 3,
      path: '/api/tickets?q=ticket&limit=50',
    })
    await new Promise((r) => setTimeout(r, 1500))
    const beside = await runLoad(getOne)
    const s = await searches
    rows.push(
      fmt(`GET one ticket beside ${SEARCHERS} connections searching, ${GETS} connections`, beside),
    )
    rows.push(
      fmt(
        `those searches: a word in all ${SIZE} tickets, 50 best`,
        s,
        'errors = non-2xx (503 past the bound) + failed',
      ),
    )
  } finally {
    await stop(server)
  }
} finally {
  if (!process.env.BENCH_HOME) rmSync(dir, { recursive: true, force: true })
  else rmSync(dir, { recursive: true, force: true })
}
console.log(
  `\n${new Date().toISOString()} ${TK}, ${SIZE} tickets, ${GENERATOR}, ${DURATION} s per load, load average ${before} before and ${loadAverage()} after\n`,
)
console.log('| load | req/s | p99 ms | errors | note |\n|---|---|---|---|---|')
console.log(rows.join('\n'))
