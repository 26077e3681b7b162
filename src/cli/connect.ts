import { TicketError } from '../domain/errors.ts'
import { findActor, LocalService } from '../service/local-service.ts'
import type { TicketService } from '../service/ticket-service.ts'
import { openSqliteStore } from '../store/sqlite/open-sqlite.ts'
import type { Workspace } from './workspace.ts'

/**
 * Local mode opens the workspace's SQLite file and acts as `admin` (or TICKET_USERNAME);
 * remote mode (TICKET_URL or `server_url` in config.json) talks to a server.
 */
export async function connect(ws: Workspace, env: NodeJS.ProcessEnv): Promise<TicketService> {
  const url = env.TICKET_URL || ws.config.server_url
  if (url) {
    throw new TicketError('unavailable', `remote mode (${url}) is not available in this version`, {
      hint: 'unset TICKET_URL to use the local workspace',
    })
  }
  const store = await openSqliteStore(ws.dbPath).catch((e: unknown) => {
    if (e instanceof TicketError && e.code === 'not_found')
      throw new TicketError('not_found', `no workspace here (looked for ${ws.dbPath})`, {
        hint: 'create one with: tk init',
      })
    throw e
  })
  try {
    const actor = await findActor(store, env.TICKET_USERNAME || ws.config.username || 'admin')
    // A disabled account acts nowhere, locally as over HTTP.
    if (!actor.enabled)
      throw new TicketError('forbidden', `user "${actor.username}" is disabled`, {
        hint: `ask an admin to enable it: tk user enable ${actor.username}`,
      })
    return new LocalService({ store, actor })
  } catch (e) {
    await store.close()
    throw e
  }
}
