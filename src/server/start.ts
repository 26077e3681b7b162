/**
 * @module Composition root of `tk server`: opens the database, builds the app, listens, and
 * closes cleanly on SIGINT/SIGTERM.
 *
 * The CLI's `server` command lazy-imports this file and awaits
 *
 *     runServerCommand({ dbPath, addr?, port?, verbose?, write? }): Promise<void>
 *
 *   dbPath   the workspace database (`-f DIR|FILE.db`, TICKET_HOME, or .ticket/ticket.db),
 *            or a PostgreSQL URL (`-db`, TICKET_DATABASE_URL); created and seeded when missing
 *   addr     `-addr`: "host:port", ":port" or "host" (default ":8080", every interface)
 *   port     `-p`: overrides the port of `addr`
 *   verbose  `-v`: one log line per request (failures and warnings are always logged, on stderr)
 *   origins  `-origin`: web origins besides the server's own trusted with the session cookie
 *   trustProxy `-trust-proxy`: believe a reverse proxy's X-Forwarded-* headers
 *   write    where the banner goes (default: stdout)
 *
 * It resolves after the server has drained and closed the database following a signal.
 * `startServer` does the same without banner or signal handling (tests, benchmarks).
 */
import { fileURLToPath } from 'node:url'
import { askWith, resolveLlm, runnerFor } from '../agent/llm-runner.ts'
import type { AgentSettings } from '../domain/agent.ts'
import { isPostgresUrl } from '../domain/database-location.ts'
import { TicketError } from '../domain/errors.ts'
import { seedDatabase } from '../service/bootstrap.ts'
import { ServiceHost } from '../service/service-host.ts'
import { openStore } from '../store/open-store.ts'
import type { CheckpointOptions, ReadPoolOptions } from '../store/store.ts'
import { agentOptionsFromEnv, DEFAULT_READ_POOL, readPoolFromEnv } from './agent-options.ts'
import { buildApp } from './app.ts'
import type { App } from './app-type.ts'
import type { LogOptions } from './logging.ts'
import { createMetrics } from './metrics.ts'
import { parseOrigin } from './origin.ts'
import type { ServerThread } from './thread-metrics.ts'
import { reusePortSpreads, startThreads } from './threads.ts'

export const VERSION = typeof __TICKET_VERSION__ === 'string' ? __TICKET_VERSION__ : 'dev'

export type ServerOptions = LogOptions & {
  /** A SQLite file, or a PostgreSQL URL (`postgres://user:pass@host/db`). */
  readonly dbPath: string
  readonly host?: string
  readonly port?: number
  /** Web origins besides the server's own whose pages may use the session cookie to change things. */
  readonly origins?: readonly string[]
  /** Behind a TLS-terminating proxy: honour X-Forwarded-Proto (Secure cookie, HSTS) and -For. */
  readonly trustProxy?: boolean
  /** Password of the admin created in a new database; generated when absent. */
  readonly adminPassword?: string
  readonly loginsPerMinute?: number
  /** The web app's build; default `web/` beside the bundle (dist/web). */
  readonly webRoot?: string
  /** Agent leases and the reaper (docs/agents.md); tests shorten them. */
  readonly agents?: AgentSettings
  /** Long reads' workers and time bound (decision 0028); default DEFAULT_READ_POOL. */
  readonly readPool?: ReadPoolOptions
  /** SQLite's checkpoints from a worker thread (decision 0048); tests make them frequent. */
  readonly checkpoints?: CheckpointOptions
  /** The LLM command analyse runs, e.g. `claude`, `codex` or a path; none: analyse answers 503. */
  readonly analyseCommand?: string
  /** The LLM command `/api/chat/ws` runs. */
  readonly chatCommand?: string
  /**
   * Listen with SO_REUSEPORT, beside the other threads of this server on the same port: the
   * kernel spreads new connections over them (decision 0051).
   */
  readonly reusePort?: boolean
  /** This thread among the server's threads on a SQLite file, and what they share. */
  readonly thread?: ServerThread & { readonly writeLock: SharedArrayBuffer }
}

export type RunningServer = {
  readonly app: App
  readonly url: string
  readonly dbPath: string
  /** Set when this start created the database: the generated admin password, shown once. */
  readonly adminPassword?: string
  close(): Promise<void>
}

// reference/api.md §6.7: an analysis waits at most 120 s for the LLM.
const ANALYSE_TIMEOUT_MS = 120_000

/**
 * New frames reach the database file within a tenth of a second; past 1,000 pages (SQLite's
 * own checkpoint size) writes pause for the last copy and the WAL starts over.
 */
const DEFAULT_CHECKPOINTS: CheckpointOptions = { everyMs: 100, restartPages: 1000 }

// How long a shutdown waits for handlers whose clients have gone before closing the database.
const HANDLERS_GRACE_MS = 10_000

const webRoot = () => fileURLToPath(new URL('./web/', import.meta.url))

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const thread = options.thread && options.thread.count > 1 ? options.thread : undefined
  // The server writes every sign-in, and shares the file with `tk`: it never runs on a read-only
  // workspace, nor holds a full disk's database under exclusive locking (docs/guide.md).
  const store = await openStore(options.dbPath, {
    create: true,
    writable: true,
    readPool: options.readPool ?? DEFAULT_READ_POOL,
    checkpoints: options.checkpoints ?? DEFAULT_CHECKPOINTS,
    ...(thread
      ? {
          threads: {
            writeLock: thread.writeLock,
            channel: thread.channel,
            checkpointer: thread.index === 0,
          },
        }
      : {}),
  })
  const seeded = await seedDatabase(store, {
    now: new Date(),
    ...(options.adminPassword ? { password: options.adminPassword } : {}),
  })
  const host = new ServiceHost({
    store,
    ...(options.agents ? { agents: options.agents } : {}),
    ...(options.analyseCommand
      ? { llm: askWith(resolveLlm(options.analyseCommand), ANALYSE_TIMEOUT_MS) }
      : {}),
  })
  const metrics = createMetrics(host, thread)
  const app = await buildApp({
    host,
    metrics,
    version: VERSION,
    verbose: options.verbose ?? false,
    ...(options.logTo ? { logTo: options.logTo } : {}),
    ...(options.origins ? { origins: options.origins } : {}),
    trustProxy: options.trustProxy ?? false,
    webRoot: options.webRoot ?? webRoot(),
    ...(options.loginsPerMinute ? { loginsPerMinute: options.loginsPerMinute } : {}),
    // The reference's default chat command is codex.
    chat: runnerFor(options.chatCommand ?? 'codex'),
  })
  // One thread reaps for all: the others would find the same agents and leases a moment later.
  if (!thread || thread.index === 0)
    host.startReaper(
      (err) => app.log.error({ err }, 'agent reaper failed'),
      (r) => {
        metrics.leaseRequeues.inc(r.requeued.length)
        app.log.info(r, 'agents went offline or let leases lapse')
      },
    )
  try {
    await app.listen({
      host: options.host ?? '0.0.0.0',
      port: options.port ?? 8080,
      ...(options.reusePort ? { reusePort: true } : {}),
    })
  } catch (e) {
    await app.close()
    metrics.close()
    await host.close()
    const code = (e as NodeJS.ErrnoException).code
    throw new TicketError('unavailable', `cannot listen on ${options.host}:${options.port}`, {
      cause: e,
      hint: code === 'EADDRINUSE' ? 'another process uses that port; pass -p PORT' : undefined,
    })
  }
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  const shown = !options.host || options.host === '0.0.0.0' || options.host === '::'
  const url = `http://${shown ? 'localhost' : options.host}:${port}`
  let closing: Promise<void> | undefined
  return {
    app,
    url,
    dbPath: store.location,
    ...(seeded.admin_password ? { adminPassword: seeded.admin_password } : {}),
    close: () => {
      // Fastify stops accepting and lets in-flight requests finish; handlers whose clients hung
      // up get a while longer; then the database closes.
      closing ??= app
        .close()
        .then(() => app.handlersSettled(HANDLERS_GRACE_MS))
        .then(() => metrics.close())
        .then(() => host.close())
      return closing
    },
  }
}

/** `-addr :8080`, `-addr 127.0.0.1:9000`, `-addr localhost`; `-p` wins over the port. */
export function parseAddr(addr = ':8080', port?: number): { host: string; port: number } {
  const m = /^(.*?)(?::(\d+))?$/.exec(addr.trim())
  const h = m?.[1] || '0.0.0.0'
  const p = port ?? (m?.[2] ? Number(m[2]) : 8080)
  if (!Number.isInteger(p) || p < 0 || p > 65535)
    throw new TicketError('invalid', `invalid port "${port ?? m?.[2]}"`, {
      hint: 'use a number from 1 to 65535',
    })
  return { host: h.replace(/^\[(.*)\]$/, '$1'), port: p }
}

/**
 * TICKET_SERVER_THREADS, else 1: each thread costs about 50 MB of resident memory at 100,000
 * tickets, and two already pass quality.md's 200 MB under the mixed load (decision 0051).
 */
export function threadsFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.TICKET_SERVER_THREADS?.trim()
  return raw ? checkThreads(Number(raw), 'TICKET_SERVER_THREADS') : 1
}

/** A thread count from 1 to 64, or an error naming where it came from. */
export function checkThreads(n: number, from: string): number {
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new TicketError('invalid', `${from} must be a whole number from 1 to 64`)
  return n
}

export type ServerCommandOptions = {
  readonly dbPath: string
  readonly addr?: string
  readonly port?: number
  readonly verbose?: boolean
  /** `-origin`: comma-separated, e.g. "https://tickets.example.com". */
  readonly origin?: string
  readonly trustProxy?: boolean
  /** `-threads`: HTTP threads on a SQLite file (default: TICKET_SERVER_THREADS, else 1). */
  readonly threads?: number
  readonly write?: (text: string) => void
  /**
   * Agent, analyse and chat settings come from TICKET_AGENT_*, TICKET_ANALYSE_CMD,
   * TICKET_CHAT_CMD; long reads' from TICKET_READ_WORKERS and TICKET_READ_TIMEOUT_SECONDS.
   */
  readonly env?: NodeJS.ProcessEnv
}

export async function runServerCommand(options: ServerCommandOptions): Promise<void> {
  const write = options.write ?? ((t: string) => process.stdout.write(t))
  const { host, port } = parseAddr(options.addr, options.port)
  const origins = options.origin
    ?.split(',')
    .filter((o) => o.trim() !== '')
    .map((o) => parseOrigin(o.trim()))
  const env = options.env ?? {}
  const wanted = options.threads ?? threadsFromEnv(env)
  let threads = wanted
  const notes: string[] = []
  // Several threads share one SQLite file; PostgreSQL servers scale as several processes.
  if (threads > 1 && isPostgresUrl(options.dbPath)) {
    notes.push(
      'one HTTP thread: on PostgreSQL, run several servers instead (docs/deploy-postgres.md)',
    )
    threads = 1
  }
  if (threads > 1 && !reusePortSpreads()) {
    notes.push(`one HTTP thread: this system does not spread a port's connections (SO_REUSEPORT)`)
    threads = 1
  }
  const readPool = readPoolFromEnv(env)
  const serverOptions: ServerOptions = {
    dbPath: options.dbPath,
    host,
    port,
    verbose: options.verbose ?? false,
    ...(origins ? { origins } : {}),
    trustProxy: options.trustProxy ?? false,
    ...agentOptionsFromEnv(env),
    // The long-read workers are shared out among the threads rather than multiplied.
    readPool: { ...readPool, workers: Math.max(1, Math.ceil(readPool.workers / threads)) },
    webRoot: webRoot(),
  }
  const server =
    threads > 1
      ? await startThreads(serverOptions, threads, startServer, (why) => {
          write(`${why.message}: stopping\n`)
          process.exit(1)
        })
      : await startServer(serverOptions)
  write(`ticket server ${VERSION}\n`)
  write(`database: ${server.dbPath}\n`)
  for (const note of notes) write(`${note}\n`)
  write(
    `listening: ${server.url}  (API docs: ${server.url}/api/docs)${threads > 1 ? `  ${threads} threads` : ''}\n`,
  )
  if (server.adminPassword)
    write(`created user admin with password ${server.adminPassword} (shown once)\n`)
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      write(`${signal}: finishing requests and closing the database…\n`)
      // A second signal means "now": leave without waiting.
      process.once(signal, () => process.exit(130))
      server.close().then(resolve, (e: unknown) => {
        write(`error while closing: ${(e as Error).message}\n`)
        process.exitCode = 1
        resolve()
      })
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
}
