import { TicketError } from '../domain/errors.ts'
import type { User } from '../domain/user.ts'
import type { InitResult } from '../service/bootstrap.ts'
import { findActor, LocalService } from '../service/local-service.ts'
import type { TicketService } from '../service/ticket-service.ts'
import { openSqliteStore } from '../store/sqlite/open-sqlite.ts'
import type { FileHold } from '../store/sqlite/replace-file.ts'
import { readCredentials, saveCredentials, serverUrlOf, timeoutOf } from './credentials.ts'
import type { Workspace } from './workspace.ts'

/**
 * Local mode opens the workspace's SQLite file and acts as AGENT_ID, else TICKET_USERNAME,
 * else the workspace's `username`, else `admin` (docs/agents.md "Identity"); remote mode
 * (TICKET_URL or `server_url` in config.json) talks to a server.
 */
export async function connect(ws: Workspace, env: NodeJS.ProcessEnv): Promise<TicketService> {
  const url = serverUrlOf(ws, env)
  if (url) return connectRemote(ws, env, url)
  const store = await openSqliteStore(ws.dbPath).catch((e: unknown) => {
    if (e instanceof TicketError && e.code === 'not_found')
      throw new TicketError('not_found', `no workspace here (looked for ${ws.dbPath})`, {
        hint: 'create one with: tk init',
      })
    throw e
  })
  try {
    const actor = await findActor(
      store,
      env.AGENT_ID || env.TICKET_USERNAME || ws.config.username || 'admin',
    )
    // A disabled account acts nowhere, locally as over HTTP.
    if (!actor.enabled)
      throw new TicketError('forbidden', `user "${actor.username}" is disabled`, {
        hint: `ask an admin to enable it: tk user enable ${actor.username}`,
      })
    return new LocalService({ store, actor, llm: localLlm(env) })
  } catch (e) {
    await store.close()
    throw e
  }
}

/**
 * `tk init` in local mode: creates (or opens) the workspace's database and seeds it (safe to
 * repeat). `asAdmin` gives a service acting as admin over the same database; `close` ends both.
 */
export async function initLocal(
  ws: Workspace,
  seed: { now: Date; password?: string },
): Promise<{ seeded: InitResult; asAdmin(): Promise<TicketService>; close(): Promise<void> }> {
  const [store, { seedDatabase }] = await Promise.all([
    openSqliteStore(ws.dbPath, { create: true }),
    import('../service/bootstrap.ts'),
  ])
  try {
    return {
      seeded: await seedDatabase(store, seed),
      asAdmin: async () =>
        new LocalService({ store, actor: await findActor(store, 'admin'), ownsStore: false }),
      close: () => store.close(),
    }
  } catch (e) {
    await store.close()
    throw e
  }
}

/**
 * `tk import` where no database exists yet: creates one empty at `dbPath`, with a service
 * acting as `actor` that owns it (closing the service closes the database).
 */
export async function createLocal(
  dbPath: string,
  actor: User,
  options: { bulkLoad?: boolean } = {},
): Promise<TicketService> {
  const store = await openSqliteStore(dbPath, { create: true, ...options })
  return new LocalService({ store, actor })
}

/**
 * Remote mode acts as the agent when AGENT_ID and AGENT_PASSWORD are set (HTTP Basic on every
 * call, as `tk agent run` does), else as the logged-in user: the stored token for this server,
 * else a login with TICKET_USERNAME and TICKET_PASSWORD (saved for next time), else anonymously
 * (the server will say to log in).
 */
async function connectRemote(
  ws: Workspace,
  env: NodeJS.ProcessEnv,
  url: string,
): Promise<TicketService> {
  const { HttpService } = await import('../client/http-service.ts')
  const timeoutMs = timeoutOf(env)
  if (env.AGENT_ID && env.AGENT_PASSWORD)
    return new HttpService({
      url,
      agent: { id: env.AGENT_ID, password: env.AGENT_PASSWORD },
      ...(timeoutMs ? { timeoutMs } : {}),
    })
  const stored = readCredentials(ws, url)
  const username = env.TICKET_USERNAME
  const password = env.TICKET_PASSWORD
  const svc = new HttpService({
    url,
    ...(stored ? { token: stored.token } : {}),
    ...(timeoutMs ? { timeoutMs } : {}),
    // An expired or ended session is renewed from the environment when it names the user.
    ...(username && password ? { login: { username, password } } : {}),
  })
  if (stored && (!username || stored.username === username)) return svc
  if (username && password) {
    const session = await svc.login(username, password)
    saveCredentials(ws, { server_url: url, username, token: session.token })
  }
  return svc
}

// reference/api.md §6.7: an analysis waits at most 120 s for the LLM.
const ANALYSE_TIMEOUT_MS = 120_000

/** Local `tk analyse` runs the LLM itself: TICKET_ANALYSE_CMD, else codex (as the server does). */
const localLlm =
  (env: NodeJS.ProcessEnv) =>
  async (prompt: string): Promise<string> => {
    const { askWith, resolveLlm } = await import('../agent/llm-runner.ts')
    return askWith(resolveLlm(env.TICKET_ANALYSE_CMD || 'codex'), ANALYSE_TIMEOUT_MS)(prompt)
  }

export { SCHEMA_VERSION } from '../store/migrations/index.ts'

/** The schema version a database file is at, read without migrating it (`tk upgrade`). */
export function schemaVersionOf(path: string): number {
  const { DatabaseSync } = process.getBuiltinModule('node:sqlite')
  const db = new DatabaseSync(path, { readOnly: true })
  try {
    return Number(
      (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version,
    )
  } finally {
    db.close()
  }
}

/**
 * The workspace's database, held by this process alone so a new file can take its place
 * (`tk import`, decision 0037); undefined when something else has it open, or it holds work
 * and `empty` is asked for.
 */
export async function holdWorkspaceAlone(
  ws: Workspace,
  empty: boolean,
): Promise<FileHold | undefined> {
  const { holdAlone } = await import('../store/sqlite/replace-file.ts')
  return holdAlone(ws.dbPath, { empty })
}

export type { FileHold }
