/** @module Running an LLM command-line tool as a child process: prompt on stdin, a timeout. */
import { spawn } from 'node:child_process'

/** What to start: the program and its arguments; the prompt always goes to stdin. */
export type LlmCommand = { readonly command: string; readonly args: readonly string[] }

/**
 * `claude` → `claude -p`, `codex` → `codex exec` (both read the prompt from stdin), anything
 * else → that program (words after it are its arguments), e.g. `/usr/local/bin/my-llm`.
 */
export function resolveLlm(spec: string): LlmCommand {
  const words = spec.trim().split(/\s+/).filter(Boolean)
  const [command, ...rest] = words
  if (!command) throw new Error('no LLM command given')
  if (command === 'claude' && rest.length === 0) return { command, args: ['-p'] }
  if (command === 'codex' && rest[0] !== 'exec') return { command, args: ['exec', ...rest] }
  return { command, args: rest }
}

export type LlmRun = {
  readonly exit_code: number | null
  readonly signal: string | null
  readonly stdout: string
  readonly stderr: string
  readonly timed_out: boolean
  /** Set when the program could not be started at all. */
  readonly error?: string
  readonly started_at: string
  readonly ended_at: string
  readonly wall_ms: number
}

export type LlmRunOptions = {
  readonly prompt: string
  readonly timeoutMs: number
  readonly cwd?: string
  readonly env?: NodeJS.ProcessEnv
  readonly signal?: AbortSignal
  readonly onStdout?: (chunk: string) => void
  readonly onStderr?: (chunk: string) => void
  readonly now?: () => Date
}

const KILL_GRACE_MS = 2000

// The LLM needs its own credentials (API keys), not ours: it must not act as the agent or a user.
const WITHHELD = ['AGENT_PASSWORD', 'TICKET_PASSWORD']

/** The environment the LLM runs with: ours, minus our secrets, plus plain-text output. */
export function llmEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env, TERM: 'dumb', NO_COLOR: '1' }
  for (const k of WITHHELD) delete out[k]
  return out
}

/**
 * The leader of the LLM's process group: starts the program with our pipes, passes on how it
 * ended, and kills the whole group the moment its parent (the worker) is gone, even by
 * `kill -9`, which no handler in the worker sees. A program that cannot start is named on
 * fd 3. Plain JavaScript, run with `node -e`, so it needs no file on disk.
 */
const GUARD = `
const { spawn } = require('node:child_process')
const { writeSync } = require('node:fs')
const [command, ...args] = process.argv.slice(1)
const parent = process.ppid
const child = spawn(command, args, { stdio: ['inherit', 'inherit', 'inherit'] })
const orphaned = setInterval(() => {
  if (process.ppid !== parent) try { process.kill(-process.pid, 'SIGKILL') } catch {}
}, 200)
child.on('error', (e) => { try { writeSync(3, e.message) } catch {} process.exit(127) })
child.on('exit', (code, signal) => {
  clearInterval(orphaned)
  if (!signal) process.exit(code ?? 1)
  process.removeAllListeners(signal)
  process.kill(process.pid, signal)
})
for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(s, () => child.kill(s))
`

/**
 * Runs the command once, in its own process group led by a small guard, so a timeout (or
 * `signal`) ends the whole tree (a shell script's `sleep` must not keep the pipes open), and
 * a worker that dies leaves no LLM behind writing into a ticket that moved on.
 */
export function runLlm(cmd: LlmCommand, o: LlmRunOptions): Promise<LlmRun> {
  const now = o.now ?? (() => new Date())
  const started = now()
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', GUARD, cmd.command, ...cmd.args], {
      cwd: o.cwd,
      env: llmEnv(o.env ?? process.env),
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
      detached: true,
    })
    let stdout = ''
    let stderr = ''
    let timedOut = false
    let spawnError: string | undefined
    const killGroup = (sig: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, sig)
      } catch {
        // Already gone.
      }
    }
    const stop = () => {
      killGroup('SIGTERM')
      setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS).unref()
    }
    const timer = setTimeout(() => {
      timedOut = true
      stop()
    }, o.timeoutMs)
    o.signal?.addEventListener('abort', stop, { once: true })
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d
      o.onStdout?.(d)
    })
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d
      o.onStderr?.(d)
    })
    child.stdio[3]?.on('data', (d: Buffer) => {
      spawnError = (spawnError ?? '') + d.toString('utf8')
    })
    child.stdin.on('error', () => {
      // The program may exit without reading its input; that is its answer, not our failure.
    })
    child.stdin.end(o.prompt.endsWith('\n') ? o.prompt : `${o.prompt}\n`)
    child.on('error', (e) => {
      spawnError = e.message
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      o.signal?.removeEventListener('abort', stop)
      const ended = now()
      resolve({
        exit_code: code,
        signal,
        stdout,
        stderr,
        timed_out: timedOut,
        ...(spawnError ? { error: spawnError } : {}),
        started_at: started.toISOString(),
        ended_at: ended.toISOString(),
        wall_ms: ended.getTime() - started.getTime(),
      })
    })
  })
}

/** Why a run did not succeed, in words for a comment; undefined when it did. */
export function failureOf(run: LlmRun, timeoutMs: number): string | undefined {
  if (run.error) return `the LLM command could not start: ${run.error}`
  if (run.timed_out) return `timed out after ${Math.round(timeoutMs / 1000)} s`
  if (run.signal) return `the LLM command was killed by ${run.signal}`
  if (run.exit_code !== 0) return `the LLM command exited with status ${run.exit_code}`
  return undefined
}

/** An `AskLlm` over a command: the answer is stdout; anything but a clean exit is an error. */
export function askWith(cmd: LlmCommand, timeoutMs: number) {
  return async (prompt: string): Promise<string> => {
    const run = await runLlm(cmd, { prompt, timeoutMs })
    const failure = failureOf(run, timeoutMs)
    if (failure)
      throw new Error(`${failure}${run.stderr ? `: ${run.stderr.trim().slice(0, 500)}` : ''}`)
    return run.stdout
  }
}

/** `runLlm` bound to one command (e.g. the server's chat), for callers that hold no command. */
export function runnerFor(spec: string) {
  const cmd = resolveLlm(spec)
  return (o: LlmRunOptions) => runLlm(cmd, o)
}
