// npm run bench (install part): the package as users get it. Packs it, installs it with
// `npm install -g` into a fresh prefix using the machine's own Node, and times the installed `tk`
// against `node -e 0` on the same Node and against the clone's bin/tk.js, interleaved in one run.
// Figures, never assertions; written to bench/RESULTS.md (replacing the previous install section).
import { execFileSync, spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { seedWorkspace } from './seed.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const CLONE_TK = join(ROOT, 'bin', 'tk.js')
const RESULTS = join(ROOT, 'bench', 'RESULTS.md')
const RUNS = Number(process.env.BENCH_RUNS ?? 15)
const SIZE = Number(process.env.BENCH_INSTALL_SIZE ?? 10_000)

const npmCli = process.env.npm_execpath?.endsWith('.js')
  ? process.env.npm_execpath
  : execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim()
// The machine's own Node: the first on PATH outside a project's node_modules.
const systemNode = (process.env.PATH ?? '')
  .split(delimiter)
  .filter((dir) => dir !== '' && !dir.includes('node_modules'))
  .map((dir) => join(dir, 'node'))
  .find((node) => existsSync(node))
if (!systemNode) throw new Error('no system node on PATH')

const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

function diskSize(dir: string): number {
  let total = 0
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size
  }
  return total
}

type Packed = {
  name: string
  version: string
  size: number
  unpackedSize: number
  entryCount: number
}
function packInfo(spec: string[]): Packed {
  const out = execFileSync(process.execPath, [npmCli, 'pack', ...spec, '--dry-run', '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  return (JSON.parse(out) as Packed[])[0]!
}

function time(cmd: string[], env: NodeJS.ProcessEnv): number {
  const t0 = process.hrtime.bigint()
  const r = spawnSync(cmd[0]!, cmd.slice(1), { env, encoding: 'utf8' })
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed: ${r.stderr}`)
  return ms
}

const dir = mkdtempSync(join(tmpdir(), 'tk-bench-install-'))
try {
  const tarball = join(
    dir,
    execFileSync(process.execPath, [npmCli, 'pack', '--pack-destination', dir, '--silent'], {
      cwd: ROOT,
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .at(-1)!,
  )
  const prefix = join(dir, 'prefix')
  const userEnv = {
    HOME: process.env.HOME,
    PATH: [join(prefix, 'bin'), join(systemNode, '..'), '/usr/bin', '/bin'].join(delimiter),
    NO_COLOR: '1',
    ...(process.env.npm_config_cache ? { npm_config_cache: process.env.npm_config_cache } : {}),
  }
  const t0 = Date.now()
  execFileSync(
    systemNode,
    [
      npmCli,
      'install',
      '-g',
      '--prefix',
      prefix,
      tarball,
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
    ],
    { env: userEnv, stdio: 'ignore' },
  )
  const installMs = Date.now() - t0
  const pkgDir = join(
    prefix,
    'lib',
    'node_modules',
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).name,
  )
  const runtimeName = readdirSync(join(pkgDir, 'node_modules')).find((n) =>
    /^node-(bin-)?\w+-\w+$/.test(n),
  )
  if (!runtimeName) throw new Error('the install has no packaged Node runtime')
  const runtimeDir = join(pkgDir, 'node_modules', runtimeName)
  const runtime = join(runtimeDir, 'bin', 'node')
  const runtimeVersion = JSON.parse(readFileSync(join(runtimeDir, 'package.json'), 'utf8')).version
  const main = packInfo([])
  const runtimePack = packInfo([`${runtimeName}@${runtimeVersion}`, '--prefer-offline'])

  const home = join(dir, 'ws', '.ticket')
  await seedWorkspace(home, SIZE)
  const env = { ...userEnv, TICKET_HOME: home, TICKET_USERNAME: '' }
  const tk = join(prefix, 'bin', 'tk')
  const key = (i: number) => `TK-T-${1 + ((i * 7919) % SIZE)}`
  const cases: [string, (i: number) => string[], string][] = [
    ['`node -e 0` (the packaged Node 24)', () => [runtime, '-e', '0'], 'floor'],
    ['installed `tk --version`', () => [tk, '--version'], '≤ 1.3×'],
    ['installed `tk --version`, Node 24 first on PATH', () => [tk, '--version'], 'as above'],
    [
      'clone `node bin/tk.js --version` (Node 24)',
      () => [process.execPath, CLONE_TK, '--version'],
      '',
    ],
    ['installed `tk get -id KEY`', (i) => [tk, 'get', '-id', key(i)], '≤ clone'],
    [
      'clone `node bin/tk.js get -id KEY` (Node 24)',
      (i) => [process.execPath, CLONE_TK, 'get', '-id', key(i)],
      '',
    ],
    ['installed `tk list -n 50`', () => [tk, 'list', '-n', '50'], '≤ clone'],
    [
      'clone `node bin/tk.js list -n 50` (Node 24)',
      () => [process.execPath, CLONE_TK, 'list', '-n', '50'],
      '',
    ],
    [
      `clone \`node bin/tk.js --version\` started by Node ${execFileSync(systemNode, ['-v'], { encoding: 'utf8' }).trim()} (hands over)`,
      () => [systemNode, CLONE_TK, '--version'],
      '',
    ],
  ]
  for (const [, args] of cases) time(args(0), env) // warm the disk and the compile cache
  const samples = cases.map(() => [] as number[])
  // The same installed tk for a user whose own `node` is Node 24 rather than the system one.
  const node24Env = {
    ...env,
    PATH: [join(prefix, 'bin'), join(process.execPath, '..'), env.PATH].join(delimiter),
  }
  for (let i = 0; i < RUNS; i++) {
    for (const [c, [name, args]] of cases.entries()) {
      samples[c]!.push(time(args(i), name.includes('Node 24 first') ? node24Env : env))
    }
  }
  const floor = median(samples[0]!)
  const table = [
    '| command | median ms | ratio to node -e 0 | fastest ms | target |',
    '|---|---|---|---|---|',
    ...cases.map(([name, , target], c) => {
      const ms = median(samples[c]!)
      const fastest = Math.min(...samples[c]!)
      return `| ${name} | ${ms.toFixed(1)} | ${(ms / floor).toFixed(2)}× | ${fastest.toFixed(1)} | ${target} |`
    }),
  ].join('\n')
  const sizes = [
    '| package | packed | unpacked | files | target |',
    '|---|---|---|---|---|',
    `| ${main.name}@${main.version} (npm pack --dry-run) | ${MB(main.size)} | ${MB(main.unpackedSize)} | ${main.entryCount} | ≤ 2 MB packed |`,
    `| ${runtimePack.name}@${runtimePack.version} (the Node 24 runtime for this platform, optional dependency) | ${MB(runtimePack.size)} | ${MB(runtimePack.unpackedSize)} | ${runtimePack.entryCount} | |`,
    `| installed tree (the prefix's lib/node_modules) | | ${MB(diskSize(join(prefix, 'lib')))} | | |`,
  ].join('\n')
  const load = `load average ${loadavg()[0]!.toFixed(1)} at the end`
  const section = `## Installed package, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, installed by Node ${execFileSync(systemNode, ['-v'], { encoding: 'utf8' }).trim()}'s npm in ${(installMs / 1000).toFixed(1)} s (warm cache), ${SIZE} tickets, ${RUNS} runs each, ${load}\n\n${table}\n\nEach run times every command once, in turn. When the load average exceeds the cores, medians include waiting for a core; the fastest run is closer to the command's own cost.\n\n${sizes}\n`
  const previous = existsSync(RESULTS)
    ? readFileSync(RESULTS, 'utf8')
        .replace(/## Installed package,[\s\S]*?(?=\n## |$)/, '')
        .trim()
    : '# Benchmark results'
  writeFileSync(RESULTS, `${previous}\n\n${section}`)
  process.stdout.write(`${section}\n`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
