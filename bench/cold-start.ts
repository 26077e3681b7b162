// `node bench/cold-start.ts`: `tk server`'s cold start to its first /api/healthz over a
// workspace of BENCH_SIZE tickets (100,000), beside a bare node:http server and `node -e 0`
// in the same run, alternating, 9 times each; medians of wall and CPU time. BENCH_HOME reuses
// a workspace made by bench/seed.ts, BENCH_TK measures another build (bin/tk.js, started by
// this Node, or the installed launcher bin/tk, started as it is). Figures, never assertions.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { seedWorkspace } from './seed.ts'

const TK = process.env.BENCH_TK ?? fileURLToPath(new URL('../bin/tk.js', import.meta.url))
const SIZE = Number(process.env.BENCH_SIZE ?? 100_000)
const RUNS = 9
// Node or V8 flags for the server under test, e.g. to compare a setting.
const FLAGS = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []
const dir = mkdtempSync(join(tmpdir(), 'tk-bench-cold-'))
const home = process.env.BENCH_HOME ?? join(dir, '.ticket')
if (!process.env.BENCH_HOME) await seedWorkspace(home, SIZE)

/** Wall time from spawn to the first answered /api/healthz, and the child's CPU time then. */
async function coldStart(args: (port: number) => string[], env: NodeJS.ProcessEnv) {
  const port = 20_000 + Math.floor(Math.random() * 5000)
  const t0 = performance.now()
  const [first, ...rest] = args(port)
  // The launcher is a shell script that execs Node itself (with the server's V8 flags).
  const launcher = first === TK && !TK.endsWith('.js')
  const child = spawn(launcher ? TK : process.execPath, launcher ? rest : [first!, ...rest], {
    env: { ...process.env, ...env },
    stdio: 'ignore',
  })
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/healthz`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) break
    await new Promise((r) => setTimeout(r, 2))
  }
  const ms = performance.now() - t0
  // utime + stime in 10 ms ticks: steadier than wall time on a busy machine.
  const f = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  const cpu = (Number(f[11]) + Number(f[12])) * 10
  child.kill()
  await new Promise((r) => child.on('exit', r))
  return { ms, cpu }
}

const nodeE0 = () => {
  const t0 = performance.now()
  spawnSync(process.execPath, ['-e', '0'])
  return performance.now() - t0
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const before = loadavg()[0]!.toFixed(1)
const floor: number[] = []
const bare: { ms: number; cpu: number }[] = []
const ours: { ms: number; cpu: number }[] = []
for (let i = 0; i < RUNS; i++) {
  floor.push(nodeE0())
  bare.push(
    await coldStart(
      (p) => [
        '-e',
        `require('node:http').createServer((q,s)=>s.end('ok')).listen(${p},'127.0.0.1')`,
      ],
      {},
    ),
  )
  ours.push(
    await coldStart((p) => [...FLAGS, TK, 'server', '-addr', `127.0.0.1:${p}`], {
      TICKET_HOME: home,
    }),
  )
}
rmSync(dir, { recursive: true, force: true })
const [bw, ow] = [median(bare.map((b) => b.ms)), median(ours.map((o) => o.ms))]
const [bc, oc] = [median(bare.map((b) => b.cpu)), median(ours.map((o) => o.cpu))]
const f = median(floor)
process.stdout.write(
  `${new Date().toISOString()} ${[...FLAGS, TK].join(' ')}, ${SIZE} tickets, load average ${before} before and ${loadavg()[0]!.toFixed(1)} after\n` +
    `| server cold start to /api/healthz (median of ${RUNS}) | ${ow.toFixed(0)} ms (CPU ${oc} ms) | ${(ow / bw).toFixed(1)}× bare node:http (${bw.toFixed(0)} ms, CPU ${bc} ms) | ${(ow / f).toFixed(1)}× node -e 0 (${f.toFixed(0)} ms) |\n`,
)
