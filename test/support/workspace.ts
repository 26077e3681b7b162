import { type SpawnOptions, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { tempDir } from './temp-dir.ts'

export const TK_BIN = fileURLToPath(new URL('../../bin/tk.js', import.meta.url))

export type RunResult = { stdout: string; stderr: string; code: number }

/** Runs the built `tk` as a child process (the way users and agents run it). */
export function runTk(
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const env = {
      ...process.env,
      NO_COLOR: '1',
      TICKET_URL: '',
      TICKET_USERNAME: '',
      ...options.env,
    }
    const spawnOptions: SpawnOptions = { cwd: options.cwd, env, stdio: ['pipe', 'pipe', 'pipe'] }
    const child = spawn(process.execPath, [TK_BIN, ...args], spawnOptions)
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString()
    })
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString()
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ stdout, stderr, code: code ?? -1 }))
    // A command that exits before reading its input closes the pipe: that is its choice, and what
    // the test checks is its output and exit code, so a refused write is not an error here.
    child.stdin?.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') reject(e)
    })
    if (options.input) child.stdin?.end(options.input)
    else child.stdin?.end()
  })
}

export type TempWorkspace = {
  readonly dir: string
  readonly home: string
  tk(...args: string[]): Promise<RunResult>
  /** Runs `tk … --json` and parses stdout; fails the test on a non-zero exit. */
  json<T = unknown>(...args: string[]): Promise<T>
}

/** A temporary directory with an initialised workspace (`tk init`), cleaned up after the test. */
export async function tempWorkspace(options: { init?: boolean } = {}): Promise<TempWorkspace> {
  const dir = tempDir('tk-ws-')
  const home = `${dir}/.ticket`
  const tk = (...args: string[]) => runTk(args, { cwd: dir, env: { TICKET_HOME: home } })
  const ws: TempWorkspace = {
    dir,
    home,
    tk,
    async json<T>(...args: string[]) {
      const r = await tk(...args, '--json')
      if (r.code !== 0) throw new Error(`tk ${args.join(' ')} exited ${r.code}: ${r.stderr}`)
      return JSON.parse(r.stdout) as T
    },
  }
  if (options.init ?? true) {
    const r = await tk('init', '-password', 'secret-admin-pw')
    if (r.code !== 0) throw new Error(`tk init failed: ${r.stderr}`)
  }
  return ws
}
