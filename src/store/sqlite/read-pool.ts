/**
 * @module The server's pool of read-only SQLite connections in worker threads (decision 0028).
 *
 * node:sqlite answers synchronously, on the thread that asks: a search ranking every ticket
 * would hold the event loop, and every other request with it, for its whole duration. Reads
 * that can take long run here instead: the main thread builds and compiles the SQL with
 * Kysely as usual, a worker (read-worker.ts) runs it on its own connection and posts the rows
 * back, and the event loop serves other requests meanwhile.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { Worker } from 'node:worker_threads'
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
} from 'kysely'
import { TicketError } from '../../domain/errors.ts'
import { readTimedOut } from '../read-timeout.ts'
import type { ReadPoolOptions } from '../store.ts'
import { TicketSqliteQueryCompiler } from './query-compiler.ts'
import type { ReadReply, ReadRequest } from './read-worker.ts'

// Beside this file in src/ (type-stripped .ts) and in dist/ (its own bundle entry).
const WORKER_URL = new URL(
  import.meta.url.endsWith('.ts') ? './read-worker.ts' : './read-worker.js',
  import.meta.url,
)

/** When the read under way must have finished (performance.now() time), and its bound. */
const deadlines = new AsyncLocalStorage<{ readonly at: number; readonly timeoutMs: number }>()

/** Calls `expire` when the read under way passes its deadline; returns what cancels that. */
function onDeadline(expire: (e: TicketError) => void): () => void {
  const deadline = deadlines.getStore()
  if (deadline === undefined) return () => {}
  const timer = setTimeout(
    () => expire(readTimedOut(deadline.timeoutMs)),
    Math.max(0, deadline.at - performance.now()),
  )
  return () => clearTimeout(timer)
}

type SqliteFailure = Error & { code?: string; errcode?: number; errstr?: string }

/** A worker and its one connection; `dead` once stopped, after which it answers nothing. */
class PoolWorker implements DatabaseConnection {
  readonly #worker: Worker
  readonly #pending = new Map<number, (reply: ReadReply | TicketError) => void>()
  readonly #onGone: (w: PoolWorker) => void
  #next = 0
  dead = false

  constructor(path: string, onGone: (w: PoolWorker) => void) {
    this.#onGone = onGone
    // Asked for here, not imported: only a server starts workers, and loading worker_threads
    // costs every command about 2 ms (decision 0045).
    const { Worker } = process.getBuiltinModule('node:worker_threads')
    this.#worker = new Worker(WORKER_URL, { workerData: { path } })
    this.#worker.on('message', (reply: ReadReply) => {
      const resolve = this.#pending.get(reply.id)
      this.#pending.delete(reply.id)
      resolve?.(reply)
    })
    const gone = (message: string) => {
      const failed = !this.dead
      this.dead = true
      for (const resolve of this.#pending.values())
        resolve(new TicketError('unavailable', message, { hint: 'try again' }))
      this.#pending.clear()
      if (failed) this.#onGone(this)
    }
    this.#worker.on('error', (e) => gone(`the read worker failed: ${e.message}`))
    this.#worker.on('exit', () => gone('the read worker stopped'))
  }

  /** Idle workers do not keep the process alive. */
  set busy(busy: boolean) {
    if (busy) this.#worker.ref()
    else this.#worker.unref()
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.dead)
      throw new TicketError('unavailable', 'the read worker stopped', { hint: 'try again' })
    const id = this.#next++
    const reply = await new Promise<ReadReply | TicketError>((resolve) => {
      const cancel = onDeadline((e) => {
        this.#pending.delete(id)
        // node:sqlite offers no way to interrupt a statement (no sqlite3_interrupt): the
        // worker is stopped, which it does once the statement returns, and a new one takes
        // its place then.
        void this.stop()
        resolve(e)
      })
      this.#pending.set(id, (r) => {
        cancel()
        resolve(r)
      })
      const params = query.parameters.map((v) =>
        v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : v,
      )
      this.#worker.postMessage({ id, sql: query.sql, params } satisfies ReadRequest)
    })
    if (reply instanceof TicketError) throw reply
    if ('error' in reply) {
      const { message, ...rest } = reply.error
      throw Object.assign(new Error(message), rest) as SqliteFailure
    }
    if ('changes' in reply) return { rows: [], numAffectedRows: BigInt(reply.changes) }
    const { columns, rows } = reply
    return {
      rows: rows.map((values) => {
        const row: Record<string, unknown> = {}
        for (let i = 0; i < columns.length; i++) row[columns[i]!] = values[i]
        return row as R
      }),
    }
  }

  // biome-ignore lint/correctness/useYield: streaming is never used; Kysely requires the method
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported by the read pool')
  }

  stop(): Promise<number> {
    if (!this.dead) {
      this.dead = true
      // Its place is free once the thread has ended, not before: a statement that could not
      // be stopped still holds a core until then.
      this.#worker.once('exit', () => this.#onGone(this))
    }
    return this.#worker.terminate()
  }
}

type Waiter = { resolve: (w: PoolWorker) => void; reject: (e: Error) => void }

class ReadPool {
  readonly #path: string
  readonly #options: ReadPoolOptions
  readonly #idle: PoolWorker[] = []
  readonly #all = new Set<PoolWorker>()
  readonly #waiting: Waiter[] = []
  #closed = false

  constructor(path: string, options: ReadPoolOptions) {
    this.#path = path
    this.#options = options
  }

  #spawn(): PoolWorker {
    const w = new PoolWorker(this.#path, (gone) => {
      this.#all.delete(gone)
      const at = this.#idle.indexOf(gone)
      if (at >= 0) this.#idle.splice(at, 1)
      // A reader waiting for a worker gets the one that replaces this.
      if (!this.#closed && this.#waiting.length > 0) this.#hand(this.#spawn())
    })
    this.#all.add(w)
    return w
  }

  #hand(w: PoolWorker) {
    const next = this.#waiting.shift()
    if (next) {
      w.busy = true
      next.resolve(w)
    } else {
      w.busy = false
      this.#idle.push(w)
    }
  }

  acquire(): Promise<PoolWorker> {
    if (this.#closed) return Promise.reject(new TicketError('unavailable', 'the server is closing'))
    const idle = this.#idle.pop()
    if (idle) {
      idle.busy = true
      return Promise.resolve(idle)
    }
    if (this.#all.size < this.#options.workers) {
      const w = this.#spawn()
      w.busy = true
      return Promise.resolve(w)
    }
    return new Promise((resolve, reject) => {
      const cancel = onDeadline((e) => {
        const at = this.#waiting.indexOf(waiter)
        if (at >= 0) this.#waiting.splice(at, 1)
        reject(e)
      })
      const waiter: Waiter = {
        resolve: (w) => {
          cancel()
          resolve(w)
        },
        reject,
      }
      this.#waiting.push(waiter)
    })
  }

  release(w: PoolWorker) {
    if (!w.dead) this.#hand(w)
  }

  async close() {
    this.#closed = true
    for (const w of this.#waiting.splice(0))
      w.reject(new TicketError('unavailable', 'the server is closing'))
    await Promise.all([...this.#all].map((w) => w.stop()))
  }
}

class ReadPoolDriver implements Driver {
  readonly #pool: ReadPool
  constructor(pool: ReadPool) {
    this.#pool = pool
  }
  async init() {}
  acquireConnection(): Promise<DatabaseConnection> {
    return this.#pool.acquire()
  }
  async releaseConnection(c: DatabaseConnection) {
    this.#pool.release(c as PoolWorker)
  }
  async beginTransaction(c: DatabaseConnection) {
    await c.executeQuery(CompiledQuery.raw('begin'))
  }
  async commitTransaction(c: DatabaseConnection) {
    await c.executeQuery(CompiledQuery.raw('commit'))
  }
  async rollbackTransaction(c: DatabaseConnection) {
    // A stopped worker took its transaction with it.
    if (!(c as PoolWorker).dead) await c.executeQuery(CompiledQuery.raw('rollback'))
  }
  async destroy() {
    await this.#pool.close()
  }
}

/** Kysely's SQLite dialect over the pool: every query (or transaction) runs on one worker. */
export class ReadPoolDialect implements Dialect {
  readonly #pool: ReadPool
  constructor(path: string, options: ReadPoolOptions) {
    this.#pool = new ReadPool(path, options)
  }
  createDriver() {
    return new ReadPoolDriver(this.#pool)
  }
  createQueryCompiler() {
    return new TicketSqliteQueryCompiler()
  }
  createAdapter() {
    return new SqliteAdapter()
  }
  // biome-ignore lint/suspicious/noExplicitAny: Kysely's own signature
  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db)
  }
}

/**
 * Runs `read` with a deadline `timeoutMs` from now: past it, the query under way (or the wait
 * for a worker) fails with a TicketError (`unavailable`: HTTP 503) saying so.
 */
export function withDeadline<T>(timeoutMs: number, read: () => Promise<T>): Promise<T> {
  return deadlines.run({ at: performance.now() + timeoutMs, timeoutMs }, read)
}
