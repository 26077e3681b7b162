// One load against one server, by wrk when it is installed (a C program: on a 2-core machine it
// leaves the server more of the CPU than autocannon, which is JavaScript and can itself be the
// ceiling), else by autocannon. BENCH_LOADGEN=wrk|autocannon chooses; every row of one run
// uses the same generator, so its ratios compare like with like.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { cpuSeconds } from './proc-stat.ts'

/** What a load sends: GETs of `path`, or of a random ticket, with `writes` of them POSTs. */
export type LoadSpec = {
  readonly base: string
  readonly connections: number
  readonly seconds: number
  readonly headers?: Record<string, string>
  /** A fixed path, or else `/api/tickets/TK-T-<1…randomTickets>`. */
  readonly path?: string
  readonly randomTickets?: number
  /** The share of requests that POST `postBody` to `/api/tickets` (0…1). */
  readonly writes?: number
  readonly postBody?: string
  /** The server's process, whose CPU time per request is measured (Linux only). */
  readonly pid?: number
}

export type LoadResult = {
  rps: number
  p99: number
  errors: number
  ok: number
  /** The server's CPU time (user + system) per answered request, in µs; NaN when unknown. */
  cpuUs: number
}

const hasWrk = spawnSync('wrk', ['--version']).error === undefined
export const GENERATOR: 'wrk' | 'autocannon' =
  process.env.BENCH_LOADGEN === 'autocannon' || !hasWrk ? 'autocannon' : 'wrk'

const path = (s: LoadSpec) =>
  s.path ?? `/api/tickets/TK-T-${1 + Math.floor(Math.random() * (s.randomTickets ?? 1))}`

async function viaAutocannon(s: LoadSpec): Promise<LoadResult> {
  const get = { ...s.headers }
  const post = { ...s.headers, 'content-type': 'application/json' }
  const r = await autocannon({
    url: s.base,
    connections: s.connections,
    duration: s.seconds,
    requests: [
      {
        setupRequest: (req) =>
          Math.random() < (s.writes ?? 0)
            ? { ...req, method: 'POST', path: '/api/tickets', headers: post, body: s.postBody }
            : { ...req, method: 'GET', path: path(s), headers: get, body: '' },
      },
    ],
  })
  const errors = r.errors + r.timeouts + r.non2xx
  return { rps: r.requests.average, p99: r.latency.p99, errors, ok: r['2xx'], cpuUs: Number.NaN }
}

const lua = (v: unknown) => JSON.stringify(v ?? '')

async function viaWrk(s: LoadSpec): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tk-wrk-'))
  const script = join(dir, 'load.lua')
  const headers = Object.entries(s.headers ?? {})
    .map(([k, v]) => `[${lua(k)}] = ${lua(v)}`)
    .join(', ')
  writeFileSync(
    script,
    `local get = { ${headers} }
local post = { ${headers}, ["content-type"] = "application/json" }
local writes, fixed, size, body = ${s.writes ?? 0}, ${lua(s.path)}, ${s.randomTickets ?? 1}, ${lua(s.postBody)}
local n = 0
function setup(thread) n = n + 1; thread:set("id", n) end
function init() math.randomseed(os.time() * 100 + id) end
function request()
  if writes > 0 and math.random() < writes then return wrk.format("POST", "/api/tickets", post, body) end
  if fixed ~= "" then return wrk.format("GET", fixed, get) end
  return wrk.format("GET", "/api/tickets/TK-T-" .. math.random(1, size), get)
end
function done(s, latency)
  local e = s.errors
  io.write(string.format("\\nRESULT %d %d %d %d %d\\n", s.requests, s.duration, latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
`,
  )
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn('wrk', [
        '-t2',
        `-c${s.connections}`,
        `-d${s.seconds}s`,
        '--timeout',
        '10s',
        '-s',
        script,
        s.base,
      ])
      let text = ''
      child.stdout.on('data', (d: Buffer) => {
        text += d
      })
      child.on('error', reject)
      child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk: ${code}`))))
    })
    const m = /RESULT (\d+) (\d+) (\d+) (\d+) (\d+)/.exec(out)
    if (!m) throw new Error(`wrk printed no result:\n${out}`)
    const [requests, micros, p99, status, failed] = m.slice(1).map(Number) as number[]
    return {
      rps: requests! / (micros! / 1e6),
      p99: Math.round(p99! / 1000),
      errors: status! + failed!,
      ok: requests! - status!,
      cpuUs: Number.NaN,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const once = (s: LoadSpec): Promise<LoadResult> =>
  GENERATOR === 'wrk' ? viaWrk(s) : viaAutocannon(s)

/** A server's CPU seconds so far; NaN where it is not known (no pid, or gone). */
const serverCpu = (pid: number | undefined) =>
  pid === undefined ? Number.NaN : (cpuSeconds(pid) ?? Number.NaN)

/** One second of the load first, unmeasured: a server's first requests run before the JIT. */
export async function runLoad(s: LoadSpec): Promise<LoadResult> {
  await once({ ...s, seconds: 1 })
  const cpu0 = serverCpu(s.pid)
  const r = await once(s)
  const served = r.rps * s.seconds
  return { ...r, cpuUs: ((serverCpu(s.pid) - cpu0) / served) * 1e6 }
}
