const { existsSync, readFileSync, rmSync } = process.getBuiltinModule('node:fs')

import { join } from 'node:path'
import { type Workspace, writeFileAtomic } from './workspace.ts'

/** credentials.json: the session token for one server (cli.md: file mode 0600). */
export type Credentials = { server_url: string; username: string; token: string }

const pathOf = (ws: Workspace) => join(ws.home, 'credentials.json')

export function readCredentials(ws: Workspace, url: string): Credentials | undefined {
  const path = pathOf(ws)
  if (!existsSync(path)) return undefined
  try {
    const c = JSON.parse(readFileSync(path, 'utf8')) as Partial<Credentials>
    return c.server_url === url && typeof c.token === 'string' && typeof c.username === 'string'
      ? (c as Credentials)
      : undefined
  } catch {
    return undefined
  }
}

export function saveCredentials(ws: Workspace, c: Credentials): void {
  writeFileAtomic(pathOf(ws), `${JSON.stringify(c, null, 2)}\n`, 0o600)
}

export function forgetCredentials(ws: Workspace): void {
  rmSync(pathOf(ws), { force: true })
}

/** The server URL of remote mode: TICKET_URL, else `server_url` in config.json. */
export const serverUrlOf = (ws: Workspace, env: NodeJS.ProcessEnv): string | undefined =>
  (env.TICKET_URL || ws.config.server_url || undefined)?.replace(/\/+$/, '')

/** TICKET_TIMEOUT is in seconds; absent or invalid means the client's default. */
export function timeoutOf(env: NodeJS.ProcessEnv): number | undefined {
  const s = Number(env.TICKET_TIMEOUT)
  return env.TICKET_TIMEOUT && Number.isFinite(s) && s > 0 ? s * 1000 : undefined
}
