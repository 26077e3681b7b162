/** `tk register`, `tk login`, `tk logout`: accounts and sessions on a server (remote mode). */
import type { CommandContext, Run } from '../command.ts'
import { forgetCredentials, saveCredentials, serverUrlOf, timeoutOf } from '../credentials.ts'
import { UsageError } from '../usage-error.ts'

async function client(c: CommandContext) {
  const url = (c.str('url') ?? serverUrlOf(c.workspace, c.env))?.replace(/\/+$/, '')
  if (!url)
    throw new UsageError(
      'no server to talk to',
      'pass -url http://host:8080 or set TICKET_URL (local mode needs no login)',
    )
  const { HttpService } = await import('../../client/http-service.ts')
  const timeoutMs = timeoutOf(c.env)
  return { url, svc: new HttpService({ url, ...(timeoutMs ? { timeoutMs } : {}) }) }
}

/** Flag, else TICKET_USERNAME / TICKET_PASSWORD, else a usage error naming both. */
function identity(c: CommandContext) {
  const username = c.str('username') ?? c.args[0] ?? c.env.TICKET_USERNAME
  const password = c.str('password') ?? c.env.TICKET_PASSWORD
  if (!username || !password)
    throw new UsageError(
      'a username and a password are needed',
      'pass -username NAME -password SECRET, or set TICKET_USERNAME and TICKET_PASSWORD',
    )
  return { username, password }
}

export const register: Run = async (c) => {
  const { svc, url } = await client(c)
  const user = await svc.register(identity(c))
  c.out.data(
    user,
    (u) => `registered ${u.username} on ${url}\nnext: tk login -username ${u.username}`,
  )
}

export const login: Run = async (c) => {
  const { svc, url } = await client(c)
  const { username, password } = identity(c)
  const session = await svc.login(username, password)
  saveCredentials(c.workspace, { server_url: url, username, token: session.token })
  if (c.str('url')) c.workspace.saveConfig({ server_url: url })
  c.out.data(
    {
      username: session.user.username,
      role: session.user.role,
      server_url: url,
      expires_at: session.expires_at,
    },
    (d) => `logged in to ${d.server_url} as ${d.username}`,
  )
}

export const logout: Run = async (c) => {
  const svc = await c.service()
  await svc.logout()
  forgetCredentials(c.workspace)
  c.out.data({ status: 'logged_out' }, () => 'logged out')
}

/** `tk status`: where commands go, who they act as, and whether the other end answers. */
export const status: Run = async (c) => {
  const url = serverUrlOf(c.workspace, c.env)
  const where = url ? { server_url: url } : { db_path: c.workspace.dbPath }
  const s = await (await c.service()).status()
  const data = {
    mode: s.mode,
    ...where,
    workspace: c.workspace.home,
    project: c.workspace.config.project ?? null,
    authenticated: s.authenticated,
    username: s.user?.username ?? null,
    registration_enabled: s.registration_enabled,
    ...(s.server_version ? { server_version: s.server_version } : {}),
    connection: 'success',
  }
  c.out.data(data, (d) =>
    Object.entries(d)
      .map(([k, v]) => `${k.padEnd(20)}: ${v ?? '-'}`)
      .join('\n'),
  )
}
