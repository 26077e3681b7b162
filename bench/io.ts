// Not part of npm run bench (it needs minutes and a few GB of disk): `tk export` and `tk import`
// at BENCH_IO_SIZE tickets (default 1,000,000), wall time and peak RSS beside `node -e 0`, and
// the server's cold start to its first /api/healthz beside a bare node:http server, in one run.
// BENCH_HOME reuses a workspace seeded earlier. Figures, never assertions.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { seedWorkspace } from './seed.ts'

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

async function coldStart(args: (port: number) => string[], env: NodeJS.ProcessEnv) {
  const port = 20_000 + Math.floor(Math.random() * 5000)
  const t0 = performance.now()
  const child = spawn(process.execPath, args(port), {
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
  // CPU time of the child (utime + stime, in 10 ms ticks): steadier than wall time on a busy machine.
  const f = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  const cpu = (Number(f[11]) + Number(f[12])) * 10
  child.kill()
  await new Promise((r) => child.on('exit', r))
  return { ms, cpu }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const file = join(dir, 'snapshot.json')
const floor = median([0, 1, 2].map(() => timed(['-e', '0'], {}).ms))
const exp = timed([TK, 'export', '-o', file], { TICKET_HOME: home })
const imp = timed([TK, 'import', '-i', file], { TICKET_HOME: join(dir, 'new', '.ticket') })
const bare: { ms: number; cpu: number }[] = []
const ours: { ms: number; cpu: number }[] = []
for (let i = 0; i < 7; i++) {
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
    await coldStart((p) => [TK, 'server', '-addr', `127.0.0.1:${p}`], { TICKET_HOME: home }),
  )
}
rmSync(dir, { recursive: true, force: true })
const rate = (ms: number) => Math.round(SIZE / (ms / 1000)).toLocaleString('en')
const [bw, ow] = [median(bare.map((b) => b.ms)), median(ours.map((o) => o.ms))]
const [bc, oc] = [median(bare.map((b) => b.cpu)), median(ours.map((o) => o.cpu))]
process.stdout.write(
  [
    `load average ${loadavg()[0]!.toFixed(1)} at the end; node -e 0: ${floor.toFixed(0)} ms`,
    `| measure | wall | ratio | peak RSS MB | tickets/s |`,
    `|---|---|---|---|---|`,
    `| tk export, ${SIZE} tickets | ${exp.ms.toFixed(0)} ms | ${(exp.ms / floor).toFixed(0)}× node -e 0 | ${exp.mb.toFixed(0)} | ${rate(exp.ms)} |`,
    `| tk import into a new directory, ${SIZE} tickets | ${imp.ms.toFixed(0)} ms | ${(imp.ms / floor).toFixed(0)}× node -e 0 | ${imp.mb.toFixed(0)} | ${rate(imp.ms)} |`,
    `| server cold start to /api/healthz (median of 7) | ${ow.toFixed(0)} ms (CPU ${oc} ms) | ${(ow / bw).toFixed(1)}× bare node:http (${bw.toFixed(0)} ms, CPU ${bc} ms) | | |`,
    '',
  ].join('\n'),
)
