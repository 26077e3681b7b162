// `node bench/cold-start.ts`: `tk server`'s cold start to its first /api/healthz over a
// workspace of BENCH_SIZE tickets (100,000), beside a bare node:http server and `node -e 0`
// in the same run, alternating, BENCH_RUNS (9) times each; medians of wall and CPU time.
// BENCH_HOME reuses a workspace made by bench/seed.ts. BENCH_TK measures other builds, comma-
// separated and taken in turn within each run (before and after a change, side by side): a
// bin/tk.js is started by this Node, the installed launcher bin/tk as it is. Figures, never
// assertions.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { seedWorkspace } from './seed.ts'
import { bareHttp, coldStart, median, type Start, startRow } from './server-start.ts'

const BUILDS = (process.env.BENCH_TK ?? fileURLToPath(new URL('../bin/tk.js', import.meta.url)))
  .split(',')
  .filter(Boolean)
const SIZE = Number(process.env.BENCH_SIZE ?? 100_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 9)
// Node or V8 flags for the server under test, e.g. to compare a setting.
const FLAGS = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []
const dir = mkdtempSync(join(tmpdir(), 'tk-bench-cold-'))
const home = process.env.BENCH_HOME ?? join(dir, '.ticket')
if (!process.env.BENCH_HOME) await seedWorkspace(home, SIZE)

/** The launcher is a shell script that execs Node itself (with the server's V8 flags). */
const serve = (tk: string) => (port: number) => {
  const args = ['server', '-addr', `127.0.0.1:${port}`]
  return tk.endsWith('.js') ? [...FLAGS, tk, ...args] : args
}
const command = (tk: string) => (tk.endsWith('.js') ? process.execPath : tk)

const nodeE0 = () => {
  const t0 = performance.now()
  spawnSync(process.execPath, ['-e', '0'])
  return performance.now() - t0
}
const before = loadavg()[0]!.toFixed(1)
const floor: number[] = []
const bare: Start[] = []
const ours = BUILDS.map((): Start[] => [])
for (let i = 0; i < RUNS; i++) {
  floor.push(nodeE0())
  bare.push(await coldStart(process.execPath, bareHttp))
  for (const [b, tk] of BUILDS.entries())
    ours[b]!.push(await coldStart(command(tk), serve(tk), { TICKET_HOME: home }))
}
rmSync(dir, { recursive: true, force: true })
const f = median(floor)
process.stdout.write(
  `${new Date().toISOString()} ${SIZE} tickets, load average ${before} before and ${loadavg()[0]!.toFixed(1)} after, node -e 0: ${f.toFixed(0)} ms\n` +
    BUILDS.map(
      (tk, b) =>
        `${startRow(`server cold start to /api/healthz, ${[...FLAGS, tk].join(' ')}`, ours[b]!, bare)} ${(median(ours[b]!.map((o) => o.ms)) / f).toFixed(1)}× node -e 0 |\n`,
    ).join(''),
)
