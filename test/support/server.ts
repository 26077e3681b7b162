import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HttpService } from '../../src/client/http-service.ts'
import { type RunningServer, type ServerOptions, startServer } from '../../src/server/start.ts'
import type { DialectName } from './dialects.ts'
import { createTestDatabase } from './store.ts'

export const ADMIN_PASSWORD = 'admin-password'

/**
 * The real server on a random loopback port over a new SQLite file in a temp directory (or a
 * new database on the run's PostgreSQL cluster), which `close()` removes. Usable in `beforeAll` as well as inside a test.
 */
export async function startTestServer(
  options: { dialect?: DialectName } & Pick<
    ServerOptions,
    | 'loginsPerMinute'
    | 'agents'
    | 'analyseCommand'
    | 'chatCommand'
    | 'webRoot'
    | 'origins'
    | 'trustProxy'
    | 'logTo'
    | 'checkpoints'
  > = {},
): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'tk-srv-'))
  const { dialect, ...rest } = options
  const postgres = dialect === 'postgres' ? await createTestDatabase() : undefined
  const server = await startServer({
    dbPath: postgres?.url ?? join(dir, 'ticket.db'),
    host: '127.0.0.1',
    port: 0,
    adminPassword: ADMIN_PASSWORD,
    ...rest,
    loginsPerMinute: options.loginsPerMinute ?? 1000,
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
  })
  return {
    ...server,
    close: async () => {
      await server.close()
      await postgres?.drop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** An HttpService signed in as `username` against `server`. */
export async function signedIn(
  server: RunningServer,
  username = 'admin',
  password = ADMIN_PASSWORD,
): Promise<HttpService> {
  const svc = new HttpService({ url: server.url })
  await svc.login(username, password)
  return svc
}
