/**
 * @module The server's checkpointer (decision 0048): one read-write connection in a worker
 * thread that copies the WAL's committed frames into the database file when asked, so the
 * copy and its two fsyncs run off the event loop. Node built-ins only, so the thread starts
 * without loading the rest of the program.
 */
import { DatabaseSync } from 'node:sqlite'
import { parentPort, workerData } from 'node:worker_threads'

export type CheckpointRequest = { readonly id: number } | { readonly close: true }
export type CheckpointReply =
  | {
      readonly id: number
      /** Whether the checkpoint could not run to its end (another checkpointer, a reader). */
      readonly busy: boolean
      /** Frames in the WAL, and how many of them are now in the database file. */
      readonly log: number
      readonly checkpointed: number
    }
  | { readonly id: number; readonly error: string }

const { path } = workerData as { path: string }
// No busy wait: a PASSIVE checkpoint never waits for a lock, and opening reads the schema,
// which another process migrating the file may hold for a moment.
const db = new DatabaseSync(path, { timeout: 10_000 })
// This connection never writes; should it ever, it must not checkpoint on its own commit.
db.exec('PRAGMA wal_autocheckpoint = 0')
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)')

parentPort!.on('message', (request: CheckpointRequest) => {
  if ('close' in request) {
    db.close()
    parentPort!.close()
    return
  }
  const { id } = request
  let reply: CheckpointReply
  try {
    const r = checkpoint.get() as { busy: number; log: number; checkpointed: number }
    reply = { id, busy: r.busy !== 0, log: r.log, checkpointed: r.checkpointed }
  } catch (e) {
    reply = { id, error: (e as Error).message }
  }
  parentPort!.postMessage(reply)
})
