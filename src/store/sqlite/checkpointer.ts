/**
 * @module Checkpoints off the event loop (decision 0048).
 *
 * At SQLite's default the commit that takes the WAL past 1,000 pages copies it into the
 * database file and syncs both, on the thread that committed: for the server, about every
 * 33rd create held every request for the length of two fsyncs. Here the server's connection
 * leaves that to a worker thread (checkpoint-worker.ts) that copies new frames every
 * `everyMs`, or at once while the WAL fills fast. A copy made beside writes never lets the
 * WAL start over (a writer restarts it only when every frame is in the file as its
 * transaction begins), so once the WAL passes `restartPages` the connection is held, without
 * blocking the event loop, for one more copy of the few frames left; the next write then
 * starts the WAL from its beginning. Should the worker be gone, the connection checkpoints
 * itself again as SQLite's default does.
 */
import type { Worker } from 'node:worker_threads'
import type { CheckpointOptions } from '../store.ts'
import type { CheckpointReply, CheckpointRequest } from './checkpoint-worker.ts'

// Beside this file in src/ (type-stripped .ts) and in dist/ (its own bundle entry).
const WORKER_URL = new URL(
  import.meta.url.endsWith('.ts') ? './checkpoint-worker.ts' : './checkpoint-worker.js',
  import.meta.url,
)

type Result = Extract<CheckpointReply, { busy: boolean }>

export type Checkpointer = {
  /** Stops the timer and the worker; the server's connection checkpoints itself again. */
  close(): Promise<void>
}

/**
 * Starts checkpointing `path` in a worker thread. `hold` runs its callback while the server's
 * connection is held (no transaction of its own under way, nothing else queued ahead);
 * `fallBack` makes that connection checkpoint itself again (the worker failed or is stopping).
 */
export function startCheckpointer(
  path: string,
  options: CheckpointOptions,
  hold: <T>(fn: () => Promise<T>) => Promise<T>,
  fallBack: () => void,
): Checkpointer {
  // Asked for here, not imported: only a server starts workers (decision 0045).
  const { Worker } = process.getBuiltinModule('node:worker_threads')
  const worker: Worker = new Worker(WORKER_URL, { workerData: { path } })
  worker.unref()
  const pending = new Map<number, (reply: CheckpointReply | Error) => void>()
  let next = 0
  let gone = false
  let closing = false
  let timer: NodeJS.Timeout | undefined
  const stop = (why: Error) => {
    if (gone) return
    gone = true
    clearTimeout(timer)
    fallBack()
    for (const resolve of pending.values()) resolve(why)
    pending.clear()
  }
  worker.on('message', (reply: CheckpointReply) => {
    const resolve = pending.get(reply.id)
    pending.delete(reply.id)
    resolve?.(reply)
  })
  worker.on('error', (e) => stop(e))
  worker.on('exit', () => stop(new Error('the checkpoint worker stopped')))

  const ask = async (): Promise<Result> => {
    if (gone) throw new Error('the checkpoint worker stopped')
    const id = next++
    const reply = await new Promise<CheckpointReply | Error>((resolve) => {
      pending.set(id, resolve)
      worker.postMessage({ id } satisfies CheckpointRequest)
    })
    if (reply instanceof Error) throw reply
    if ('error' in reply) throw new Error(reply.error)
    return reply
  }

  // The WAL's size when writes last paused for it: with nothing written since, no new pause.
  let pausedAt = -1
  let lastLog = 0
  /** One look: copies what is new, pauses writes when the WAL is due to start over. */
  const look = async (): Promise<number> => {
    const r = await ask()
    const grew = r.log !== lastLog
    lastLog = r.log
    if (r.log >= options.restartPages && !(r.log === pausedAt && r.checkpointed === r.log)) {
      pausedAt = r.log
      await hold(ask)
      // The writes queued behind the pause have begun a new WAL: look again at once.
      return 0
    }
    // A WAL filling fast is copied again at once, so that it reaches `restartPages` between
    // two looks rather than far past it.
    return grew && r.log >= options.restartPages / 4 ? 0 : options.everyMs
  }
  let running: Promise<void> = Promise.resolve()
  // One copy at a time: a slow disk delays the next look instead of queueing more.
  const lookIn = (ms: number) => {
    if (closing || gone) return
    timer = setTimeout(() => {
      running = look()
        .catch(() => options.everyMs)
        .then(lookIn)
    }, ms)
    timer.unref()
  }
  lookIn(options.everyMs)

  return {
    close: async () => {
      if (closing) return
      closing = true
      clearTimeout(timer)
      await running
      if (gone) return
      const exited = new Promise((resolve) => worker.once('exit', resolve))
      worker.postMessage({ close: true } satisfies CheckpointRequest)
      await exited
    },
  }
}
