/**
 * @module One read-only connection of the server's read pool (read-pool.ts), in a worker
 * thread: it runs the SQL it is sent (compiled in the main thread) and posts the rows back.
 * Node built-ins only, so the thread starts without loading the rest of the program.
 */
import { DatabaseSync, type StatementSync } from 'node:sqlite'
import { parentPort, workerData } from 'node:worker_threads'

export type ReadRequest = { readonly id: number; readonly sql: string; readonly params: unknown[] }
export type ReadReply =
  | { readonly id: number; readonly columns: string[]; readonly rows: unknown[][] }
  | { readonly id: number; readonly changes: number }
  | {
      readonly id: number
      readonly error: { message: string; code?: string; errcode?: number; errstr?: string }
    }

const STATEMENT_CACHE_SIZE = 256

const { path } = workerData as { path: string }
// Read-only: a write sent here by mistake fails (SQLITE_READONLY) instead of racing the
// main connection; WAL lets it read beside that connection's writes.
const db = new DatabaseSync(path, { readOnly: true, timeout: 10_000 })
const statements = new Map<string, { stmt: StatementSync; columns: string[] }>()

function prepare(sql: string) {
  let entry = statements.get(sql)
  if (entry) statements.delete(sql)
  else {
    const stmt = db.prepare(sql)
    const columns = stmt.columns().map((c) => c.name)
    if (columns.length > 0) stmt.setReturnArrays(true)
    entry = { stmt, columns }
    if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!)
  }
  statements.set(sql, entry)
  return entry
}

type Param = null | number | bigint | string | NodeJS.ArrayBufferView

parentPort!.on('message', ({ id, sql, params }: ReadRequest) => {
  let reply: ReadReply
  try {
    const { stmt, columns } = prepare(sql)
    const bound = params as Param[]
    if (columns.length > 0)
      reply = { id, columns, rows: stmt.all(...bound) as unknown as unknown[][] }
    else reply = { id, changes: Number(stmt.run(...bound).changes) }
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
