/** @module `tk agent run`: ask for work, run the LLM on it, report, repeat. */
import type { AgentWork } from '../domain/agent.ts'
import { TicketError } from '../domain/errors.ts'
import { terminalSafe } from '../domain/terminal-text.ts'
import type { AgentService } from '../service/agent-service.ts'
import { failureOf, type LlmCommand, type LlmRun, resolveLlm, runLlm } from './llm-runner.ts'
import { buildPrompt } from './prompt.ts'
import { assertGitRepository, worktreeFor } from './worktree.ts'

export type WorkerApi = Pick<
  AgentService,
  'registerAgent' | 'heartbeat' | 'requestWork' | 'reportWork' | 'releaseWork'
>

export type WorkerOptions = {
  readonly api: WorkerApi
  readonly llm: LlmCommand
  /** The LLM was chosen by flag or environment; otherwise the agent's `llm` setting wins. */
  readonly llmPinned?: boolean
  /** How long one LLM run may take before it is killed and the ticket set to `fail`. */
  readonly llmTimeoutMs: number
  /** Heartbeats renew the lease; keep this well under the server's lease time. */
  readonly heartbeatMs: number
  /** The first sleep when there is no work; it doubles up to `maxPollMs`. */
  readonly pollMs: number
  readonly maxPollMs: number
  /** Only work from this project; else the agent's `project` setting, else any it may work in. */
  readonly project?: string
  readonly cwd: string
  /** Run each ticket in its own git worktree and branch named after its key. */
  readonly worktree?: boolean
  /** Stream the LLM's input and output, prefixed `>` and `<`. */
  readonly verbose?: boolean
  /** Aborted on Ctrl-C: the current ticket is released and the loop ends. */
  readonly signal: AbortSignal
  readonly log: (line: string) => void
  /** Where verbose streaming goes (stdout of the CLI). */
  readonly write?: (text: string) => void
}

/** Lines of `text` with `mark ` in front, for `-v`. */
function prefixed(mark: string, write: (t: string) => void) {
  let pending = ''
  return {
    chunk(text: string) {
      const lines = (pending + text).split('\n')
      pending = lines.pop() ?? ''
      for (const l of lines) write(`${mark} ${l}\n`)
    },
    flush() {
      if (pending !== '') write(`${mark} ${pending}\n`)
      pending = ''
    },
  }
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve()
    const t = setTimeout(done, ms)
    function done() {
      clearTimeout(t)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })

/** Errors that mean "you may not": retrying cannot help, so the worker stops. */
const fatal = (e: unknown) =>
  e instanceof TicketError && (e.code === 'unauthenticated' || e.code === 'forbidden')

export class Worker {
  readonly #o: WorkerOptions
  readonly #write: (text: string) => void
  #status: 'online' | 'working' | 'soliciting' = 'online'
  /** The run in progress: aborted when a heartbeat says the ticket is no longer ours. */
  #run: { readonly stop: AbortController; readonly since: number } | undefined

  constructor(options: WorkerOptions) {
    // Titles, server messages and the LLM's output are anyone's: what reaches the log shows
    // control characters rather than obeying them.
    const write = options.write ?? ((s: string) => process.stdout.write(s))
    this.#o = { ...options, log: (line) => options.log(terminalSafe(line)) }
    this.#write = (text) => write(terminalSafe(text))
  }

  /** Runs until the signal is aborted; rejects only on errors retrying cannot fix. */
  async run(): Promise<void> {
    const { api, log, signal } = this.#o
    if (this.#o.worktree) await assertGitRepository(this.#o.cwd)
    const me = await this.#register()
    if (!me) return
    log(`agent ${me.username} registered`)
    const beat = setInterval(() => {
      const sent = Date.now()
      api
        .heartbeat(this.#status)
        .then((r) => {
          // No lease while running: a person moved the ticket or it was requeued; the run is
          // stopped so it cannot go on writing for a ticket that moved on.
          const run = this.#run
          if (run && sent > run.since && r.lease_expires_at === null) run.stop.abort()
        })
        .catch((e: unknown) => log(`heartbeat failed: ${(e as Error).message}`))
    }, this.#o.heartbeatMs)
    let poll = this.#o.pollMs
    // An admin can pin the agent to a project with `tk agent config-set -id … project CUS`.
    let project = this.#o.project
    try {
      while (!signal.aborted) {
        let work: AgentWork
        try {
          work = await api.requestWork(project ? { project } : {})
          if (!this.#o.project && work.config.project && work.config.project !== project) {
            project = work.config.project
            log(`working from project ${project} (agent setting)`)
            if (work.status === 'NONE') continue
          }
        } catch (e) {
          if (fatal(e)) throw e
          log(`request failed: ${(e as Error).message}; retrying in ${poll / 1000} s`)
          await sleep(poll, signal)
          poll = Math.min(poll * 2, this.#o.maxPollMs)
          continue
        }
        if (!work.ticket || work.status === 'NONE') {
          this.#status = 'soliciting'
          if (this.#o.verbose) log(`no work, sleeping ${poll / 1000} s`)
          await sleep(poll, signal)
          poll = Math.min(poll * 2, this.#o.maxPollMs)
          continue
        }
        poll = this.#o.pollMs
        this.#status = 'working'
        await this.#work(work)
      }
    } finally {
      clearInterval(beat)
      await api.heartbeat('idle').catch(() => undefined)
    }
  }

  /** Registers, waiting for the server if it is not up yet; undefined when stopped first. */
  async #register() {
    let wait = this.#o.pollMs
    while (!this.#o.signal.aborted) {
      try {
        return await this.#o.api.registerAgent()
      } catch (e) {
        // Another worker runs under this agent id: running both would work one ticket twice.
        if (fatal(e) || (e instanceof TicketError && e.code === 'conflict')) throw e
        this.#o.log(`cannot register yet: ${(e as Error).message}; retrying in ${wait / 1000} s`)
        await sleep(wait, this.#o.signal)
        wait = Math.min(wait * 2, this.#o.maxPollMs)
      }
    }
    return undefined
  }

  async #work(work: AgentWork): Promise<void> {
    const { api, log, signal } = this.#o
    const t = work.ticket!
    log(`${work.status === 'CURRENT' ? 'resuming' : 'working on'} ${t.key}: ${t.title}`)
    const write = this.#write
    let cwd = this.#o.cwd
    try {
      if (this.#o.worktree) cwd = await worktreeFor(this.#o.cwd, t.key)
    } catch (e) {
      await this.#report(t.key, {
        outcome: 'fail',
        result: '',
        reason: `could not create a git worktree: ${(e as Error).message}`,
      })
      return
    }
    const prompt = buildPrompt(work)
    const out = prefixed('<', write)
    const err = prefixed('<', write)
    if (this.#o.verbose) {
      const input = prefixed('>', write)
      input.chunk(`${prompt}\n`)
    }
    const llm = !this.#o.llmPinned && work.config.llm ? resolveLlm(work.config.llm) : this.#o.llm
    const stop = new AbortController()
    this.#run = { stop, since: Date.now() }
    const run = await runLlm(llm, {
      prompt,
      timeoutMs: this.#o.llmTimeoutMs,
      cwd,
      signal: AbortSignal.any([signal, stop.signal]),
      ...(this.#o.verbose ? { onStdout: out.chunk, onStderr: err.chunk } : {}),
    }).finally(() => {
      this.#run = undefined
    })
    out.flush()
    err.flush()
    if (stop.signal.aborted && !signal.aborted) {
      // History already says who took it and why (`ticket_requeued`); nothing to report.
      log(`run on ${t.key} interrupted: the ticket was taken back (moved or requeued)`)
      this.#status = 'soliciting'
      return
    }
    if (signal.aborted) {
      // Ctrl-C: the run was cut short, so the ticket goes back to the queue for someone else.
      await api
        .releaseWork(t.key, 'the worker was stopped (Ctrl-C) during the run')
        .then(() => log(`released ${t.key}`))
        .catch((e: unknown) => log(`could not release ${t.key}: ${(e as Error).message}`))
      return
    }
    await this.#report(t.key, reportOf(run, this.#o.llmTimeoutMs))
  }

  async #report(key: string, report: Parameters<WorkerApi['reportWork']>[1]) {
    const { api, log } = this.#o
    try {
      const after = await api.reportWork(key, report)
      log(
        report.outcome === 'success'
          ? `completed ${key} -> ${after.status}`
          : `failed ${key}: ${report.reason}`,
      )
    } catch (e) {
      if (fatal(e)) throw e
      log(`could not report on ${key}: ${(e as Error).message}`)
    } finally {
      this.#status = 'soliciting'
    }
  }
}

/** The run as the server records it: output, outcome, reason, times and exit status. */
export function reportOf(run: LlmRun, timeoutMs: number) {
  const reason = failureOf(run, timeoutMs)
  const stderr = run.stderr.trim()
  return {
    outcome: reason ? ('fail' as const) : ('success' as const),
    result:
      reason && stderr ? `${run.stdout.trim()}\n\nstderr:\n${stderr.slice(-4000)}` : run.stdout,
    ...(reason ? { reason } : {}),
    started_at: run.started_at,
    ended_at: run.ended_at,
    wall_ms: run.wall_ms,
    exit_code: run.exit_code,
  }
}
