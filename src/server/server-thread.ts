/**
 * @module One of the HTTP threads of `tk server` on a SQLite file, besides the main thread
 * (threads.ts, decision 0051): a whole server of its own (connection, services, Fastify app)
 * listening on the same port. It reports when it listens, and closes when told to.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { type ServerOptions, startServer } from './start.ts'

/** From the main thread: stop accepting, finish what is in flight, close. */
export type ToThread = { readonly close: true }
/** To the main thread: listening, or closed (after which the thread ends). */
export type FromThread = { readonly listening: true } | { readonly closed: true }

const server = await startServer(workerData as ServerOptions)
const port = parentPort!
port.on('message', (m: ToThread) => {
  if (!m.close) return
  void server.close().then(() => {
    port.postMessage({ closed: true } satisfies FromThread)
    // Ends this thread only; the main thread waits for that.
    process.exit(0)
  })
})
port.postMessage({ listening: true } satisfies FromThread)
