// npm run bench: CLI wall time against `node -e 0` in the same run (quality.md), written to
// bench/RESULTS.md. Figures, never assertions: these machines are shared and noisy. BENCH_TK
// measures other builds' bin/tk.js, comma-separated and taken in turn within each run (before
// and after a change, side by side).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { seedWorkspace } from './seed.ts'

const BUILDS = (process.env.BENCH_TK ?? fileURLToPath(new URL('../bin/tk.js', import.meta.url)))
  .split(',')
  .filter(Boolean)
const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url))
const RUNS = Number(process.env.BENCH_RUNS ?? 15)
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number)
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined

type Sample = { ms: number; kb: number }

function once(args: string[], env: NodeJS.ProcessEnv): Sample {
  const cmd = TIME ? [TIME, '-f', '%M', process.execPath, ...args] : [process.execPath, ...args]
  const t0 = process.hrtime.bigint()
  const r = spawnSync(cmd[0]!, cmd.slice(1), {
    env: { ...process.env, ...env, NO_COLOR: '1' },
    encoding: 'utf8',
  })
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`)
  const kb = TIME ? Number(r.stderr.trim().split('\n').at(-1)) : 0
  return { ms, kb }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

type Row = {
  size: number
  build: string
  name: string
  ms: number
  ratio: number
  kb: number
  target: string
}

function measure(size: number, home: string): Row[] {
  const env = { TICKET_HOME: home, TICKET_USERNAME: '' }
  const cases: [string, (i: number) => string[], string][] = [
    ['tk --version', () => ['--version'], '≤ 1.3×'],
    ['tk get -id KEY', (i) => ['get', '-id', `TK-T-${1 + ((i * 7919) % size)}`], '≤ 1.7×'],
    ['tk add "title"', (i) => ['add', `bench ticket ${i}`], '≤ 1.7×'],
    ['tk complete -id KEY', (i) => ['complete', '-id', `TK-T-${size - i}`], '≤ 1.7×'],
    ['tk list', () => ['list'], '≤ 2.0×'],
    ['tk list -n 50', () => ['list', '-n', '50'], '≤ 2.0×'],
    ['tk search word', () => ['search', 'password'], '≤ 2.0×'],
  ]
  const base: number[] = []
  const samples = new Map<string, Sample[]>(
    BUILDS.flatMap((tk) => cases.map(([n]) => [`${tk} ${n}`, []])),
  )
  for (let i = 0; i < RUNS; i++) {
    base.push(once(['-e', '0'], env).ms)
    // Each build gets its own ticket, so that no two complete the same one.
    for (const [name, args] of cases)
      for (const [b, tk] of BUILDS.entries())
        samples.get(`${tk} ${name}`)!.push(once([tk, ...args(i * BUILDS.length + b)], env))
  }
  const floor = median(base)
  return [
    { size, build: '', name: 'node -e 0', ms: floor, ratio: 1, kb: 0, target: 'floor' },
    ...cases.flatMap(([name, , target]) =>
      BUILDS.map((build) => {
        const s = samples.get(`${build} ${name}`)!
        const ms = median(s.map((x) => x.ms))
        const kb = Math.max(...s.map((x) => x.kb))
        return { size, build, name, ms, ratio: ms / floor, kb, target }
      }),
    ),
  ]
}

const rows: Row[] = []
for (const size of SIZES) {
  const dir = mkdtempSync(join(tmpdir(), 'tk-bench-'))
  try {
    const t0 = Date.now()
    await seedWorkspace(join(dir, '.ticket'), size)
    process.stderr.write(`seeded ${size} tickets in ${Date.now() - t0} ms\n`)
    for (const tk of BUILDS) once([tk, 'list', '-n', '1'], { TICKET_HOME: join(dir, '.ticket') }) // warm the compile cache
    rows.push(...measure(size, join(dir, '.ticket')))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const several = BUILDS.length > 1
const table = [
  `| tickets |${several ? ' build |' : ''} command | median ms | ratio to node -e 0 | target | peak RSS MB |`,
  `|---|${several ? '---|' : ''}---|---|---|---|---|`,
  ...rows.map(
    (r) =>
      `| ${r.size} |${several ? ` ${r.build} |` : ''} \`${r.name}\` | ${r.ms.toFixed(1)} | ${r.ratio.toFixed(2)}× | ${r.target} | ${r.kb ? (r.kb / 1024).toFixed(0) : '-'} |`,
  ),
].join('\n')
const section = `## CLI, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}, ${RUNS} runs each, load average ${loadavg()[0]!.toFixed(1)} at the end\n\n${table}\n`
const previous = existsSync(RESULTS)
  ? readFileSync(RESULTS, 'utf8')
      .replace(/## CLI,[\s\S]*?(?=\n## |$)/, '')
      .trim()
  : '# Benchmark results'
writeFileSync(
  RESULTS,
  `${previous.startsWith('# ') ? previous : `# Benchmark results\n\n${previous}`}\n\n${section}`,
)
process.stdout.write(`${section}\n`)
