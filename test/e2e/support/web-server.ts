import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runnerFor } from '../../../src/agent/llm-runner.ts'
import { HttpService } from '../../../src/client/http-service.ts'
import { buildApp } from '../../../src/server/app.ts'
import { seedDatabase } from '../../../src/service/bootstrap.ts'
import { ServiceHost } from '../../../src/service/service-host.ts'
import { openSqliteStore } from '../../../src/store/sqlite/open-sqlite.ts'
import type { Store } from '../../../src/store/store.ts'

export const ADMIN_PASSWORD = 'admin-password'
export const WEB_ROOT = fileURLToPath(new URL('../../../dist/web/', import.meta.url))

export type WebServer = {
  readonly url: string
  /** Signs in over HTTP, for fixtures that the test is not about. */
  api(username?: string, password?: string): Promise<HttpService>
  close(): Promise<void>
}

/** The real server, serving the built web app, on a random loopback port over a new database. */
export async function startWebServer(
  options: {
    chatCommand?: string
    /** Fills the new database (in bulk) before the server starts. */
    seed?: (store: Store) => Promise<void>
  } = {},
): Promise<WebServer> {
  if (!existsSync(join(WEB_ROOT, 'index.html')))
    throw new Error('dist/web is missing: run `npm run build` before the web tests')
  // One server serves a whole file of tests, so its directory outlives any single test.
  const dir = mkdtempSync(join(tmpdir(), 'tk-web-'))
  const store = await openSqliteStore(join(dir, 'ticket.db'), { create: true })
  await seedDatabase(store, { password: ADMIN_PASSWORD, now: new Date() })
  await options.seed?.(store)
  // The LLM behind analyse, and `cat` as the chat command, stand in for a real model: the
  // first answers a fixed breakdown, the second echoes the prompt back.
  const llm = async () =>
    JSON.stringify({ tickets: [{ title: 'Proposed child one' }, { title: 'Proposed child two' }] })
  const host = new ServiceHost({ store, llm })
  const app = await buildApp({
    host,
    version: 'test',
    webRoot: WEB_ROOT,
    loginsPerMinute: 1000,
    chat: runnerFor(options.chatCommand ?? 'cat'),
    verbose: !!process.env.TK_DEBUG,
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    async api(username = 'admin', password = ADMIN_PASSWORD) {
      const svc = new HttpService({ url })
      await svc.login(username, password)
      return svc
    },
    async close() {
      await app.close()
      await host.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
