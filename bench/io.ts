// Not part of npm run bench (it needs minutes and a few GB of disk): `tk export` and `tk import`
// at BENCH_IO_SIZE tickets (default 1,000,000), wall time and peak RSS beside `node -e 0`, and
// the server's cold start to its first /api/healthz beside a bare node:http server, in one run.
// BENCH_HOME reuses a workspace seeded earlier. Figures, never assertions.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { seedWorkspace } from './seed.ts'
import { bareHttp, coldStart, median, type Start, startRow } from './server-start.ts'

const TK = fileURLToPath(new URL('../bin/tk.js', import.meta.url))
const SIZE = Number(process.env.BENCH_IO_SIZE ?? 1_000_000)
const dir = mkdtempSync(join(tmpdir(), 'tk-bench-io-'))
const home = process.env.BENCH_HOME ?? join(dir, 'src', '.ticket')
if (!process.env.BENCH_HOME) await seedWorkspace(home, SIZE)

function timed(args: string[], env: NodeJS.ProcessEnv) {
  const t0 = performance.now()
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], {
    env: { ...process.env, ...env, NO_COLOR: '1' },
    encoding: 'utf8',
  })
  if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`)
  return { ms: performance.now() - t0, mb: Number(r.stderr.trim().split('\n').at(-1)) / 1024 }
}

const file = join(dir, 'snapshot.json')
const floor = median([0, 1, 2].map(() => timed(['-e', '0'], {}).ms))
const exp = timed([TK, 'export', '-o', file], { TICKET_HOME: home })
const imp = timed([TK, 'import', '-i', file], { TICKET_HOME: join(dir, 'new', '.ticket') })
const bare: Start[] = []
const ours: Start[] = []
for (let i = 0; i < 7; i++) {
  bare.push(await coldStart(process.execPath, bareHttp))
  ours.push(
    await coldStart(process.execPath, (p) => [TK, 'server', '-addr', `127.0.0.1:${p}`], {
      TICKET_HOME: home,
    }),
  )
}
rmSync(dir, { recursive: true, force: true })
const rate = (ms: number) => Math.round(SIZE / (ms / 1000)).toLocaleString('en')
process.stdout.write(
  [
    `load average ${loadavg()[0]!.toFixed(1)} at the end; node -e 0: ${floor.toFixed(0)} ms`,
    `| measure | wall | ratio | peak RSS MB | tickets/s |`,
    `|---|---|---|---|---|`,
    `| tk export, ${SIZE} tickets | ${exp.ms.toFixed(0)} ms | ${(exp.ms / floor).toFixed(0)}× node -e 0 | ${exp.mb.toFixed(0)} | ${rate(exp.ms)} |`,
    `| tk import into a new directory, ${SIZE} tickets | ${imp.ms.toFixed(0)} ms | ${(imp.ms / floor).toFixed(0)}× node -e 0 | ${imp.mb.toFixed(0)} | ${rate(imp.ms)} |`,
    `${startRow('server cold start to /api/healthz', ours, bare)} | |`,
    '',
  ].join('\n'),
)
