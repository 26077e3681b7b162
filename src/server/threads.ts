/**
 * @module `tk server` on a SQLite file from several threads of one process (decision 0051).
 *
 * One Node thread saturates one core. Here the main thread starts a whole server (and, as
 * thread 0, the checkpointer and the agent reaper), then N−1 worker threads each start one
 * more on the same port with SO_REUSEPORT, and the kernel spreads new connections over them.
 * Each thread has its own connection to the file; they share a write lock in shared memory
 * (write-lock.ts) and hear each other's changes on a BroadcastChannel, as servers of one
 * PostgreSQL database do over LISTEN/NOTIFY. A thread that fails ends the process: half a
 * server would answer some connections and refuse others.
 */
import { randomUUID } from 'node:crypto'
import type { Worker } from 'node:worker_threads'
import { TicketError } from '../domain/errors.ts'
import type { FromThread, ToThread } from './server-thread.ts'
import type { RunningServer, ServerOptions } from './start.ts'

// Beside this file in src/ (type-stripped .ts) and in dist/ (its own bundle entry).
const THREAD_URL = new URL(
  import.meta.url.endsWith('.ts') ? './server-thread.ts' : './server-thread.js',
  import.meta.url,
)

/** Where SO_REUSEPORT spreads connections over the sockets sharing a port (Linux). */
export const reusePortSpreads = () => process.platform === 'linux'

/**
 * Throws EADDRINUSE when another socket holds `host:port`. Sockets that all ask for
 * SO_REUSEPORT share a port: a second `tk server` (of the same user) started on a port a first
 * one serves would silently take half its connections instead of being refused. A socket of
 * our own, bound without it, is refused by either kind; it closes before the threads bind.
 */
async function refuseTakenPort(host: string, port: number): Promise<void> {
  if (port === 0) return
  const { createServer } = process.getBuiltinModule('node:net')
  const probe = createServer()
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject)
    probe.listen({ host, port, exclusive: true }, () => resolve())
  })
  await new Promise((resolve) => probe.close(resolve))
}

/**
 * Starts `count` servers over `options.dbPath`, the main thread's first; resolves once all
 * listen. `fail` hears of a thread that stopped on its own (the caller ends the process).
 */
export async function startThreads(
  options: ServerOptions,
  count: number,
  start: (options: ServerOptions) => Promise<RunningServer>,
  fail: (why: Error) => void,
): Promise<RunningServer> {
  const shared = {
    count,
    channel: `ticket-server:${randomUUID()}`,
    writeLock: new SharedArrayBuffer(4),
  }
  try {
    await refuseTakenPort(options.host ?? '0.0.0.0', options.port ?? 8080)
  } catch (e) {
    throw new TicketError('unavailable', `cannot listen on ${options.host}:${options.port}`, {
      cause: e,
      hint:
        (e as NodeJS.ErrnoException).code === 'EADDRINUSE'
          ? 'another process uses that port; pass -p PORT'
          : undefined,
    })
  }
  const main = await start({ ...options, reusePort: true, thread: { ...shared, index: 0 } })
  // Port 0 asks the kernel for a free port: the other threads take the one the first got.
  const port = Number(new URL(main.url).port)
  const { Worker } = process.getBuiltinModule('node:worker_threads')
  const { logTo: _, ...cloneable } = options
  let closing = false
  const workers: Worker[] = []
  const started: Promise<void>[] = []
  for (let index = 1; index < count; index++) {
    const thread = { ...shared, index }
    const worker: Worker = new Worker(THREAD_URL, {
      workerData: { ...cloneable, port, reusePort: true, thread } satisfies ServerOptions,
    })
    workers.push(worker)
    started.push(
      new Promise<void>((resolve, reject) => {
        worker.on('message', (m: FromThread) => {
          if ('listening' in m) resolve()
        })
        worker.once('error', (e) => {
          reject(e)
          if (!closing) fail(new Error(`server thread ${index} failed: ${e.message}`))
        })
        worker.once('exit', (code) => {
          const why = new Error(`server thread ${index} stopped (exit code ${code})`)
          reject(why)
          if (!closing) fail(why)
        })
      }),
    )
  }
  try {
    await Promise.all(started)
  } catch (e) {
    closing = true
    await Promise.all(workers.map((w) => w.terminate()))
    await main.close()
    throw e
  }
  let closed: Promise<void> | undefined
  return {
    ...main,
    close: () => {
      closing = true
      // Every thread stops accepting at once, then finishes its own requests.
      closed ??= Promise.all([
        main.close(),
        ...workers.map(
          (w) =>
            new Promise<void>((resolve) => {
              w.once('exit', () => resolve())
              w.postMessage({ close: true } satisfies ToThread)
            }),
        ),
      ]).then(() => {})
      return closed
    },
  }
}
