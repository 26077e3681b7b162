/**
 * @module One read-only connection of the server's read pool (read-pool.ts), in a worker
 * thread: it runs the SQL it is sent (compiled in the main thread) and posts the rows back.
 * Node built-ins only, so the thread starts without loading the rest of the program.
 */
import { DatabaseSync } from 'node:sqlite'
import { parentPort, workerData } from 'node:worker_threads'
import { StatementCache } from './statement-cache.ts'

export type ReadRequest = { readonly id: number; readonly sql: string; readonly params: unknown[] }
export type ReadReply =
  | { readonly id: number; readonly columns: string[]; readonly rows: unknown[][] }
  | { readonly id: number; readonly changes: number }
  | {
      readonly id: number
      readonly error: { message: string; code?: string; errcode?: number; errstr?: string }
    }

const { path } = workerData as { path: string }
// Read-only: a write sent here by mistake fails (SQLITE_READONLY) instead of racing the
// main connection; WAL lets it read beside that connection's writes.
const db = new DatabaseSync(path, { readOnly: true, timeout: 10_000 })
// The names themselves: the main thread builds the rows.
const statements = new StatementCache(db, (columns) => [...columns])

type Param = null | number | bigint | string | NodeJS.ArrayBufferView

parentPort!.on('message', ({ id, sql, params }: ReadRequest) => {
  let reply: ReadReply
  try {
    const ran = statements.run(sql, params as Param[])
    reply = ran.shape
      ? { id, columns: ran.shape, rows: ran.rows }
      : { id, changes: Number(ran.changes) }
  } catch (e) {
    const err = e as Error & { code?: string; errcode?: number; errstr?: string }
    reply = {
      id,
      error: {
        message: err.message,
        ...(err.code === undefined ? {} : { code: err.code }),
        ...(err.errcode === undefined ? {} : { errcode: err.errcode }),
        ...(err.errstr === undefined ? {} : { errstr: err.errstr }),
      },
    }
  }
  parentPort!.postMessage(reply)
})
