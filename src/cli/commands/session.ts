/** `tk register`, `tk login`, `tk logout`, `tk status`: accounts and sessions (remote mode). */
import { userInfo } from 'node:os'
import { unlessNotFound } from '../../domain/errors.ts'
import type { CommandContext, Run } from '../command.ts'
import {
  forgetCredentials,
  readCredentials,
  saveCredentials,
  serverUrlOf,
  timeoutOf,
} from '../credentials.ts'
import { UsageError } from '../usage-error.ts'

// reference/cli.md §7.11: what register falls back to when nothing names the password.
const DEFAULT_PASSWORD = 'password'

async function client(c: CommandContext, what: string) {
  const url = (c.str('url') ?? serverUrlOf(c.workspace, c.env))?.replace(/\/+$/, '')
  if (!url)
    throw new UsageError(
      `${what} needs a server`,
      'pass -url http://host:8080 or set TICKET_URL (local mode needs no account)',
    )
  const { HttpService } = await import('../../client/http-service.ts')
  const timeoutMs = timeoutOf(c.env)
  return { url, svc: new HttpService({ url, ...(timeoutMs ? { timeoutMs } : {}) }) }
}

export const register: Run = async (c) => {
  const { svc, url } = await client(c, 'register')
  const username =
    c.str('username') ?? c.args[0] ?? (c.env.TICKET_USERNAME || undefined) ?? userInfo().username
  const given = c.str('password') ?? (c.env.TICKET_PASSWORD || undefined)
  const user = await svc.register({ username, password: given ?? DEFAULT_PASSWORD })
  c.workspace.saveConfig({ username: user.username, ...(c.str('url') ? { server_url: url } : {}) })
  c.out.data(user, (u) =>
    [
      `registered user ${u.username} on ${url}`,
      ...(given === undefined
        ? [
            `hint: the password is "${DEFAULT_PASSWORD}"; pass -password or set TICKET_PASSWORD to choose one`,
          ]
        : []),
      `next: tk login -username ${u.username}`,
    ].join('\n'),
  )
}

/** Who signs in: -username, the first argument, TICKET_USERNAME, else the remembered user. */
const usernameOf = (c: CommandContext): string | undefined =>
  c.str('username') ??
  c.args[0] ??
  (c.env.TICKET_USERNAME || undefined) ??
  c.workspace.config.username

/** -password, TICKET_PASSWORD, else a prompt when there is a terminal to ask at. */
async function passwordOf(c: CommandContext, username: string): Promise<string | undefined> {
  const given = c.str('password') ?? (c.env.TICKET_PASSWORD || undefined)
  if (given !== undefined || !process.stdin.isTTY) return given
  const { promptSecret } = await import('../secret-prompt.ts')
  return promptSecret(`password for ${username}: `)
}

async function signIn(
  c: CommandContext,
  svc: Awaited<ReturnType<typeof client>>['svc'],
  url: string,
  username: string,
  password: string,
) {
  const session = await svc.login(username, password)
  saveCredentials(c.workspace, { server_url: url, username, token: session.token })
  return session
}

/**
 * reference/cli.md §7.11: with no password given, a stored session that the server still
 * accepts (for the user asked for, if any) is kept rather than asking for a password.
 */
async function storedSession(c: CommandContext, url: string) {
  if (c.str('password') !== undefined) return undefined
  const stored = readCredentials(c.workspace, url)
  const asked = c.str('username') ?? c.args[0] ?? (c.env.TICKET_USERNAME || undefined)
  if (!stored || (asked && asked.toLowerCase() !== stored.username.toLowerCase())) return undefined
  const { HttpService } = await import('../../client/http-service.ts')
  const timeoutMs = timeoutOf(c.env)
  const s = await new HttpService({
    url,
    token: stored.token,
    ...(timeoutMs ? { timeoutMs } : {}),
  }).status()
  return s.authenticated && s.user ? s.user : undefined
}

export const login: Run = async (c) => {
  const { svc, url } = await client(c, 'login')
  const current = await storedSession(c, url)
  if (current) {
    c.workspace.saveConfig({
      username: current.username,
      ...(c.str('url') ? { server_url: url } : {}),
    })
    c.out.data(
      { username: current.username, role: current.role, server_url: url, reused: true },
      (d) => `logged in to ${d.server_url} as ${d.username} (the stored session is still valid)`,
    )
    return
  }
  const username = usernameOf(c)
  if (!username)
    throw new UsageError('who is logging in?', 'pass -username NAME or set TICKET_USERNAME')
  const password = await passwordOf(c, username)
  if (password === undefined)
    throw new UsageError('no password given', 'pass -password SECRET or set TICKET_PASSWORD')
  const session = await signIn(c, svc, url, username, password)
  c.workspace.saveConfig({ username, ...(c.str('url') ? { server_url: url } : {}) })
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

/**
 * `tk init` in remote mode (-url or TICKET_URL): remembers the server and signs in. The server
 * is asked first, so an unreachable URL or a wrong password leaves the workspace as it was.
 */
export const initRemote: Run = async (c) => {
  const { svc, url } = await client(c, 'init')
  const status = await svc.status()
  const username = usernameOf(c)
  const password = username === undefined ? undefined : await passwordOf(c, username)
  if (c.str('prefix') && (username === undefined || password === undefined))
    throw new UsageError(
      '-prefix needs someone signed in to create or choose the project',
      'pass -username and -password (or set TICKET_USERNAME and TICKET_PASSWORD)',
    )
  const session =
    username !== undefined && password !== undefined
      ? await signIn(c, svc, url, username, password)
      : undefined
  // Signed in (or no one to sign in as): the server is remembered before any project work.
  c.workspace.saveConfig({
    server_url: url,
    ...(session ? { username: session.user.username } : {}),
  })
  const prefix = c.str('prefix')
  let project = c.workspace.config.project
  if (session && prefix) {
    const existing = await unlessNotFound(svc.getProject(prefix))
    project = (existing ?? (await svc.createProject({ prefix, title: c.str('title') ?? prefix })))
      .prefix
  } else if (session && !project) {
    // As locally: the default project becomes current when this user may read it.
    project = (await unlessNotFound(svc.getProject('TK')))?.prefix
  }
  if (project) c.workspace.saveConfig({ project })
  const data = {
    workspace: c.workspace.home,
    server_url: url,
    server_version: status.server_version ?? null,
    username: session?.user.username ?? null,
    logged_in: session !== undefined,
    project: project ?? null,
    ...(c.bool('skill') ? { skill: (await import('./agent-docs.ts')).installSkill(c.cwd) } : {}),
  }
  c.out.data(data, (d) =>
    [
      `remote workspace at ${d.workspace}`,
      `server       : ${d.server_url}${d.server_version ? ` (version ${d.server_version})` : ''}`,
      `user         : ${d.username ?? '- (not logged in)'}`,
      `project      : ${d.project ? `${d.project} (current)` : '-'}`,
      ...(d.skill ? [`skill file   : ${d.skill}`] : []),
      '',
      !d.logged_in
        ? 'next: tk login -username NAME (or tk register first)'
        : d.project
          ? 'next: tk add "My first ticket"'
          : 'next: tk project create -prefix CUS -title "Customer Portal"',
    ].join('\n'),
  )
}

export const logout: Run = async (c) => {
  try {
    await (await c.service()).logout()
  } finally {
    // reference/cli.md §7.11: the stored session goes even when the server cannot be told.
    forgetCredentials(c.workspace)
  }
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
