// The package as a user gets it: packed, installed with `npm install -g` into a fresh prefix by
// the machine's own Node (often older than 24) and by Node 24, then the README quick start.
// The npm scripts run on the packaged Node 24, so the system one is looked up on PATH by hand.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs'
import { createConnection } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAKE_LLM } from '../support/agents.ts'
import { tempDir } from '../support/temp-dir.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string
  version: string
}
const NODE_24 = process.execPath

/** The first `node` on PATH that is not a project's packaged one: the machine's own. */
function systemNode(): string {
  const found = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir !== '' && !dir.includes('node_modules'))
    .map((dir) => join(dir, 'node'))
    .find((node) => existsSync(node))
  if (!found) throw new Error('no system node on PATH to install with')
  return realpathSync(found)
}

/** npm's own entry point: the one running this test, else the one on PATH. */
function npmCli(): string {
  const running = process.env.npm_execpath
  if (running?.endsWith('.js')) return running
  return realpathSync(execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim())
}

const versionOf = (node: string) => execFileSync(node, ['-p', 'process.versions.node']).toString()
const atLeast247 = (v: string) => {
  const [major = 0, minor = 0] = v.split('.').map(Number)
  return major > 24 || (major === 24 && minor >= 7)
}

const NETWORK_ENV = [
  'NODE_EXTRA_CA_CERTS',
  'HTTPS_PROXY',
  'https_proxy',
  'HTTP_PROXY',
  'http_proxy',
  'NO_PROXY',
  'no_proxy',
]

/** A user's shell: their `node`, the installed bin directory, nothing from this npm run. */
function userEnv(node: string, bin: string): NodeJS.ProcessEnv {
  return {
    HOME: process.env.HOME,
    PATH: [bin, dirname(node), '/usr/bin', '/bin'].join(delimiter),
    LANG: 'C.UTF-8',
    NO_COLOR: '1',
    // The cache `npm ci` filled, so installing works without the registry.
    ...(process.env.npm_config_cache ? { npm_config_cache: process.env.npm_config_cache } : {}),
    // How this machine reaches the registry (a proxy, its CA) is the user's too: without it a
    // package missing from the cache fails with SELF_SIGNED_CERT_IN_CHAIN after long retries.
    ...Object.fromEntries(
      NETWORK_ENV.flatMap((k) => (process.env[k] ? [[k, process.env[k]]] : [])),
    ),
    npm_config_update_notifier: 'false',
  }
}

let tarball = ''
beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) throw new Error('run `npm run build` first')
  const dir = tempDirForSuite('tk-pack-')
  const out = execFileSync(NODE_24, [npmCli(), 'pack', '--pack-destination', dir, '--silent'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  tarball = join(dir, out.trim().split('\n').at(-1)!)
}, 120_000)

const suiteDirs: string[] = []
function tempDirForSuite(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  suiteDirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of suiteDirs) rmSync(dir, { recursive: true, force: true })
}, 300_000)

type Install = { bin: string; env: NodeJS.ProcessEnv }
type Where = 'global' | 'project'

/** `npm install -g` into a fresh prefix, or `npm install` into a fresh project. */
function install(node: string, where: Where, extra: string[] = []): Install {
  const prefix = tempDirForSuite(`tk-${where}-`)
  const bin = where === 'global' ? join(prefix, 'bin') : join(prefix, 'node_modules', '.bin')
  const env = userEnv(node, bin)
  const args = [
    'install',
    ...(where === 'global' ? ['-g'] : []),
    '--prefix',
    prefix,
    tarball,
    '--prefer-offline',
    ...extra,
  ]
  const r = spawnSync(node, [npmCli(), ...args, '--no-audit', '--no-fund'], {
    env,
    encoding: 'utf8',
    // A registry that cannot be reached makes npm retry for many minutes: fail with its words.
    timeout: 240_000,
  })
  if (r.status !== 0)
    throw new Error(`npm ${args.join(' ')} failed (${r.error?.message ?? r.status}):\n${r.stderr}`)
  return { bin, env }
}

function tk(inst: Install, cwd: string, ...args: string[]) {
  const r = spawnSync(join(inst.bin, 'tk'), args, { cwd, env: inst.env, encoding: 'utf8' })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** Starts an installed command in its own process group, as a supervisor or a shell job would. */
function start(inst: Install, cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return startCommand([join(inst.bin, 'tk'), ...args], cwd, { ...inst.env, ...env })
}

function startCommand([command, ...args]: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const child = spawn(command!, args, {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString()
  })
  child.stderr!.on('data', (d: Buffer) => {
    out += d.toString()
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  )
  return { child, exited, output: () => out }
}

/** Whether any process is left in the group the started command led. */
function groupAlive(child: ChildProcess): boolean {
  try {
    process.kill(-child.pid!, 0)
    return true
  } catch {
    return false
  }
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })

/** Signals a started command the way a supervisor does; checks nothing outlives it. */
async function terminate(started: ReturnType<typeof start>, signal: NodeJS.Signals = 'SIGTERM') {
  try {
    process.kill(started.child.pid!, signal)
    const exit = await started.exited
    await expect.poll(() => groupAlive(started.child), { timeout: 5_000 }).toBe(false)
    return exit
  } finally {
    if (groupAlive(started.child)) process.kill(-started.child.pid!, 'SIGKILL')
  }
}

async function listening(server: ReturnType<typeof start>): Promise<number> {
  const banner = /listening: http:\/\/127\.0\.0\.1:(\d+)/
  await expect.poll(server.output, { timeout: 20_000 }).toMatch(banner)
  return Number(banner.exec(server.output())![1])
}

function quickStart(name: string, installWith: () => string, where: Where, extra: string[] = []) {
  describe(name, () => {
    let inst: Install
    beforeAll(() => {
      inst = install(installWith(), where, extra)
    }, 300_000)

    it('runs the quick start from the installed tk and ticket', () => {
      const ws = tempDir('tk-user-')
      expect(tk(inst, ws, '--version')).toEqual({ code: 0, stdout: `${PKG.version}\n`, stderr: '' })
      expect(tk(inst, ws, 'init').code).toBe(0)
      expect(tk(inst, ws, 'add', 'Create a skeleton project in go.')).toMatchObject({
        code: 0,
        stdout: 'TK-T-1\n',
      })
      const ls = tk(inst, ws, 'ls')
      expect(ls.code).toBe(0)
      expect(ls.stdout).toMatch(/TK-T-1 +task +Create a skeleton project in go\./)
      const viaTicket = spawnSync(join(inst.bin, 'ticket'), ['list'], {
        cwd: ws,
        env: inst.env,
        encoding: 'utf8',
      })
      expect(viaTicket.stdout).toBe(ls.stdout)
    })

    it('stops tk server on SIGTERM to the started process, freeing its port, leaving nothing behind', async () => {
      const ws = tempDir('tk-user-')
      expect(tk(inst, ws, 'init').code).toBe(0)
      const server = start(inst, ws, ['server', '-addr', '127.0.0.1:0'])
      const port = await listening(server)
      // The package ships the web app and the API docs' files, not only the command line.
      const page = await fetch(`http://127.0.0.1:${port}/`)
      expect(await page.text()).toMatch(/^<!doctype html>/i)
      expect((await fetch(`http://127.0.0.1:${port}/api/docs/`)).status).toBe(200)
      expect(await terminate(server)).toEqual({ code: 0, signal: null })
      await expect.poll(() => accepts(port), { timeout: 5_000 }).toBe(false)
    })

    it('stops tk agent run on SIGTERM to the started process, leaving nothing behind', async () => {
      const ws = tempDir('tk-user-')
      expect(tk(inst, ws, 'init').code).toBe(0)
      const created = tk(inst, ws, 'agent', 'create', '-name', 'builder', '--json')
      const { agent, password } = JSON.parse(created.stdout) as {
        agent: { id: string }
        password: string
      }
      const server = start(inst, ws, ['server', '-addr', '127.0.0.1:0'])
      try {
        await expect.poll(server.output, { timeout: 20_000 }).toMatch(/listening: (\S+)/)
        const url = /listening: (\S+)/.exec(server.output())![1]!
        const worker = start(inst, ws, ['agent', 'run', '-llm', FAKE_LLM, '-poll-seconds', '1'], {
          AGENT_ID: agent.id,
          AGENT_PASSWORD: password,
          TICKET_URL: url,
        })
        await expect.poll(worker.output, { timeout: 20_000 }).toMatch(/registered/)
        expect(await terminate(worker)).toEqual({ code: 0, signal: null })
      } finally {
        await terminate(server)
      }
    })
  })
}

quickStart("npm install -g with the machine's own Node", systemNode, 'global')
quickStart('npm install -g with Node 24', () => NODE_24, 'global')
// npm leaves the runtime out only in a project (a global install keeps optional dependencies
// whatever --omit says); then the user's own Node runs tk.
quickStart('npm install --omit=optional in a project with Node 24', () => NODE_24, 'project', [
  '--omit=optional',
])

describe("npm install --omit=optional in a project with the machine's own Node", () => {
  it('runs on it when it is new enough, else says what to install', () => {
    const node = systemNode()
    const inst = install(node, 'project', ['--omit=optional'])
    const r = tk(inst, tempDir('tk-user-'), '--version')
    if (atLeast247(versionOf(node))) {
      expect(r).toEqual({ code: 0, stdout: `${PKG.version}\n`, stderr: '' })
    } else {
      expect(r.code).toBe(1)
      expect(r.stderr).toMatch(/^error: tk needs Node\.js 24\.7 or newer \(found v[\d.]+\)\nhint: /)
      expect(r.stderr).toContain('--omit=optional')
    }
  }, 300_000)
})

describe("a clone's bin/tk.js started by the machine's own Node", () => {
  // Node 20 cannot replace its process, so it keeps a parent that relays signals to Node 24.
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    it(`stops tk server on ${signal} to the started process, freeing its port, leaving nothing behind`, async () => {
      const home = join(tempDir('tk-clone-'), '.ticket')
      const server = startCommand(
        [systemNode(), join(ROOT, 'bin', 'tk.js'), 'server', '-addr', '127.0.0.1:0'],
        ROOT,
        { ...process.env, TICKET_HOME: home, TICKET_URL: '' },
      )
      const port = await listening(server)
      const exit = await terminate(server, signal)
      // The server finishes cleanly on SIGINT and SIGTERM; SIGHUP ends it, as it would any process.
      expect(exit).toEqual(signal === 'SIGHUP' ? { code: null, signal } : { code: 0, signal: null })
      await expect.poll(() => accepts(port), { timeout: 5_000 }).toBe(false)
    })
  }
})

it('packs only what runs, under a publishable name', () => {
  const listing = execFileSync(NODE_24, [npmCli(), 'pack', '--dry-run', '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  const [packed] = JSON.parse(listing) as [{ name: string; files: { path: string }[] }]
  expect(packed.name).toBe(PKG.name)
  const paths = packed.files.map((f) => f.path)
  expect(paths).toEqual(expect.arrayContaining(['bin/tk', 'bin/tk.js', 'dist/cli.js', 'LICENSE']))
  expect(
    paths.filter((p) => !/^(bin|dist)\/|^(LICENSE|README\.md|package\.json)$/.test(p)),
  ).toEqual([])
  expect(paths.filter((p) => p.endsWith('.map'))).toEqual([])
})
