// npm run bench: CLI wall time against `node -e 0` in the same run (quality.md), written to
// bench/RESULTS.md. Figures, never assertions: these machines are shared and noisy.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { seedWorkspace } from './seed.ts'

const TK = fileURLToPath(new URL('../bin/tk.js', import.meta.url))
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

type Row = { size: number; name: string; ms: number; ratio: number; kb: number; target: string }

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
  const samples = new Map<string, Sample[]>(cases.map(([n]) => [n, []]))
  for (let i = 0; i < RUNS; i++) {
    base.push(once(['-e', '0'], env).ms)
    for (const [name, args] of cases) samples.get(name)!.push(once([TK, ...args(i)], env))
  }
  const floor = median(base)
  return [
    { size, name: 'node -e 0', ms: floor, ratio: 1, kb: 0, target: 'floor' },
    ...cases.map(([name, , target]) => {
      const s = samples.get(name)!
      const ms = median(s.map((x) => x.ms))
      return { size, name, ms, ratio: ms / floor, kb: Math.max(...s.map((x) => x.kb)), target }
    }),
  ]
}

const rows: Row[] = []
for (const size of SIZES) {
  const dir = mkdtempSync(join(tmpdir(), 'tk-bench-'))
  try {
    const t0 = Date.now()
    await seedWorkspace(join(dir, '.ticket'), size)
    process.stderr.write(`seeded ${size} tickets in ${Date.now() - t0} ms\n`)
    once([TK, 'list', '-n', '1'], { TICKET_HOME: join(dir, '.ticket') }) // warm the compile cache
    rows.push(...measure(size, join(dir, '.ticket')))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const table = [
  '| tickets | command | median ms | ratio to node -e 0 | target | peak RSS MB |',
  '|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.size} | \`${r.name}\` | ${r.ms.toFixed(1)} | ${r.ratio.toFixed(2)}× | ${r.target} | ${r.kb ? (r.kb / 1024).toFixed(0) : '-'} |`,
  ),
].join('\n')
const section = `## CLI, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}, ${RUNS} runs each\n\n${table}\n`
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
