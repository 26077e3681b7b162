import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, onTestFinished } from 'vitest'
import { tempDir } from './temp-dir.ts'
import { TK_BIN } from './workspace.ts'

export type ServerProcess = {
  readonly url: string
  readonly adminPassword: string
  readonly child: ChildProcess
  /** Everything the server wrote so far. */
  stdout(): string
  stderr(): string
  /** `VmHWM` (peak resident memory) of the server process, in kB. */
  peakRssKb(): number
}

/** The built `tk server` on a random loopback port over a new workspace, stopped after the test. */
export async function spawnServer(
  args: readonly string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<ServerProcess> {
  const home = join(tempDir('tk-server-'), '.ticket')
  const child = spawn(process.execPath, [TK_BIN, 'server', '-addr', '127.0.0.1:0', ...args], {
    env: { ...process.env, TICKET_HOME: home, TICKET_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString()
  })
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString()
  })
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  onTestFinished(async () => {
    child.kill('SIGTERM')
    await exited
  })
  await expect.poll(() => out, { timeout: 15_000 }).toMatch(/listening: http:\/\/\S+/)
  return {
    url: /listening: (\S+)/.exec(out)![1]!,
    // Only the server that created the database shows the admin's password.
    adminPassword: /created user admin with password (\S+)/.exec(out)?.[1] ?? '',
    child,
    stdout: () => out,
    stderr: () => err,
    peakRssKb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
      return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1])
    },
  }
}
