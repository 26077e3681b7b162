/** @module The `TicketService` over the HTTP API; runs in Node and in the browser (no node:*). */

import { TicketError } from '../domain/errors.ts'
import type { Comment, ConversationEntry, HistoryEvent } from '../domain/history.ts'
import { errorCodeOf } from '../domain/http-status.ts'
import type { Project } from '../domain/project.ts'
import type { Ticket, TicketDetail } from '../domain/ticket.ts'
import type { User } from '../domain/user.ts'
import type {
  BlockedTicket,
  ClaimResult,
  Dependencies,
  ProjectMember,
  ServiceStatus,
  Session,
  TicketFilter,
  TicketFlag,
  TicketService,
  TreeNode,
} from '../service/ticket-service.ts'

export type HttpServiceOptions = {
  /** The server, e.g. `http://localhost:8080`. */
  readonly url: string
  /** A session token from an earlier login. */
  readonly token?: string
  /** An agent's UUID and password, sent as HTTP Basic on every call (instead of a token). */
  readonly agent?: { readonly id: string; readonly password: string }
  /** Bound on each call (TICKET_TIMEOUT); default 30 s. */
  readonly timeoutMs?: number
  readonly fetch?: typeof fetch
  /** Runs when the service is closed (e.g. to stop a server started for it). */
  readonly onClose?: () => Promise<void>
}

type Query = Record<string, string | number | boolean | undefined>

const FLAG_ACTIONS: Record<TicketFlag, [on: string, off: string]> = {
  open: ['open', 'close'],
  archived: ['archive', 'unarchive'],
  ready: ['ready', 'notready'],
}

const seg = encodeURIComponent

function filterQuery(f: TicketFilter): Query {
  return {
    project: f.project,
    type: f.type,
    stage: f.stage,
    state: f.state,
    assignee: f.assignee,
    label: f.label,
    parent: f.parent,
    include_closed: f.closed || undefined,
    include_archived: f.archived || undefined,
    limit: f.limit,
    offset: f.offset,
  }
}

export class HttpService implements TicketService {
  readonly #base: string
  readonly #timeoutMs: number
  readonly #fetch: typeof fetch
  readonly #onClose: (() => Promise<void>) | undefined
  #token: string | undefined
  readonly #basic: string | undefined

  constructor(options: HttpServiceOptions) {
    this.#basic = options.agent
      ? `Basic ${base64(`${options.agent.id}:${options.agent.password}`)}`
      : undefined
    this.#base = options.url.replace(/\/+$/, '')
    this.#token = options.token
    this.#timeoutMs = options.timeoutMs ?? 30_000
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis)
    this.#onClose = options.onClose
  }

  /** The session token in use (to store after `login`). */
  get token(): string | undefined {
    return this.#token
  }

  async #call<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.set(k, String(v))
    const url = `${this.#base}${path}${params.size > 0 ? `?${params}` : ''}`
    const headers: Record<string, string> = { accept: 'application/json' }
    if (this.#token) headers.authorization = `Bearer ${this.#token}`
    else if (this.#basic) headers.authorization = this.#basic
    if (body !== undefined) headers['content-type'] = 'application/json'
    let res: Response
    try {
      res = await this.#fetch(url, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.#timeoutMs),
      })
    } catch (e) {
      throw this.#unreachable(e)
    }
    const text = await res.text().catch((e: unknown) => {
      throw this.#unreachable(e)
    })
    const data = text === '' ? undefined : parseJson(text)
    if (res.ok) return data as T
    const err = data as { error?: unknown; hint?: unknown } | undefined
    const message =
      typeof err?.error === 'string' ? err.error : `${this.#base} answered ${res.status}`
    throw new TicketError(errorCodeOf(res.status), message, {
      ...(typeof err?.hint === 'string' ? { hint: err.hint } : {}),
    })
  }

  #unreachable(e: unknown): TicketError {
    const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')
    const cause =
      e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)
    return new TicketError(
      'unavailable',
      timedOut
        ? `${this.#base} did not answer within ${this.#timeoutMs / 1000} s`
        : `cannot reach ${this.#base}: ${cause}`,
      { cause: e, hint: 'check TICKET_URL and that `tk server` is running there' },
    )
  }

  async whoami(): Promise<User> {
    const s = await this.status()
    if (!s.user) throw new TicketError('unauthenticated', 'not logged in', { hint: 'run tk login' })
    return s.user
  }
  async status(): Promise<ServiceStatus> {
    const s = await this.#call<{
      authenticated: boolean
      user?: User
      registration_enabled: boolean
      server_version: string
    }>('GET', '/api/status')
    return {
      mode: 'remote',
      authenticated: s.authenticated,
      user: s.user ?? null,
      registration_enabled: s.registration_enabled,
      server_version: s.server_version,
    }
  }
  register: TicketService['register'] = (input) => this.#call('POST', '/api/register', input)
  async login(username: string, password: string): Promise<Session> {
    const session = await this.#call<Session>('POST', '/api/login', { username, password })
    this.#token = session.token
    return session
  }
  async logout(): Promise<void> {
    await this.#call('POST', '/api/logout')
    this.#token = undefined
  }

  listUsers: TicketService['listUsers'] = () => this.#call('GET', '/api/users')
  createUser: TicketService['createUser'] = (input) => this.#call('POST', '/api/users', input)
  setUserEnabled: TicketService['setUserEnabled'] = (username, enabled) =>
    this.#call('POST', `/api/users/${seg(username)}/${enabled ? 'enable' : 'disable'}`)
  resetPassword: TicketService['resetPassword'] = (username, password) =>
    this.#call('POST', `/api/users/${seg(username)}/reset-password`, { password })
  deleteUser: TicketService['deleteUser'] = async (username) => {
    await this.#call('DELETE', `/api/users/${seg(username)}`)
  }
  setRegistration: TicketService['setRegistration'] = async (enabled) =>
    (
      await this.#call<{ registration_enabled: boolean }>('POST', '/api/config/registration', {
        enabled,
      })
    ).registration_enabled

  listMembers: TicketService['listMembers'] = (project) =>
    this.#call<ProjectMember[]>('GET', `/api/projects/${seg(project)}/users`)
  setMember: TicketService['setMember'] = (project, username, role) =>
    this.#call('POST', `/api/projects/${seg(project)}/users`, { username, role })
  removeMember: TicketService['removeMember'] = async (project, username) => {
    await this.#call('DELETE', `/api/projects/${seg(project)}/users/${seg(username)}`)
  }

  createProject: TicketService['createProject'] = (input) =>
    this.#call('POST', '/api/projects', input)
  listProjects: TicketService['listProjects'] = () => this.#call<Project[]>('GET', '/api/projects')
  getProject: TicketService['getProject'] = (ref) => this.#call('GET', `/api/projects/${seg(ref)}`)
  updateProject: TicketService['updateProject'] = (ref, patch) =>
    this.#call('PATCH', `/api/projects/${seg(ref)}`, patch)
  deleteProject: TicketService['deleteProject'] = async (ref) => {
    await this.#call('DELETE', `/api/projects/${seg(ref)}`)
  }

  createTicket: TicketService['createTicket'] = (input) =>
    this.#call<Ticket>('POST', '/api/tickets', input)
  getTicket: TicketService['getTicket'] = (ref) =>
    this.#call<TicketDetail>('GET', `/api/tickets/${seg(ref)}`)
  listTickets: TicketService['listTickets'] = (filter) =>
    this.#call<Ticket[]>('GET', '/api/tickets', undefined, filterQuery(filter))
  searchTickets: TicketService['searchTickets'] = (words, filter) =>
    this.#call<Ticket[]>('GET', '/api/tickets', undefined, { ...filterQuery(filter), q: words })
  updateTicket: TicketService['updateTicket'] = (ref, patch) =>
    this.#call('PATCH', `/api/tickets/${seg(ref)}`, patch)
  deleteTicket: TicketService['deleteTicket'] = async (ref) => {
    await this.#call('DELETE', `/api/tickets/${seg(ref)}`)
  }

  setState: TicketService['setState'] = (ref, state, options) =>
    this.#call('POST', `/api/tickets/${seg(ref)}/state`, { state, force: options?.force ?? false })
  setStage: TicketService['setStage'] = (ref, stage) =>
    this.#call('POST', `/api/tickets/${seg(ref)}/stage`, { stage })
  setFlag: TicketService['setFlag'] = (ref, flag, value) =>
    this.#call('POST', `/api/tickets/${seg(ref)}/${FLAG_ACTIONS[flag][value ? 0 : 1]}`)

  setParent: TicketService['setParent'] = (ref, parent) =>
    this.#call('POST', `/api/tickets/${seg(ref)}/parent`, { parent })
  unsetParent: TicketService['unsetParent'] = (ref) =>
    this.#call('DELETE', `/api/tickets/${seg(ref)}/parent`)
  listOrphans: TicketService['listOrphans'] = (project) =>
    this.#call('GET', `/api/projects/${seg(project)}/orphans`)
  tree: TicketService['tree'] = (input) =>
    this.#call<TreeNode[]>('GET', '/api/tree', undefined, input)

  assign: TicketService['assign'] = (ref, assignee) =>
    this.#call('POST', `/api/tickets/${seg(ref)}/assign`, { assignee })
  unassign: TicketService['unassign'] = (ref) =>
    this.#call('POST', `/api/tickets/${seg(ref)}/unassign`)
  claim: TicketService['claim'] = (input) =>
    this.#call<ClaimResult>('POST', '/api/tickets/claim', input)
  unclaim: TicketService['unclaim'] = (ref) =>
    this.#call('POST', `/api/tickets/${seg(ref)}/unclaim`)
  next: TicketService['next'] = (input) => this.#call('GET', '/api/next', undefined, input)

  addComment: TicketService['addComment'] = (ref, text) =>
    this.#call<Comment>('POST', `/api/tickets/${seg(ref)}/comments`, { text })
  listComments: TicketService['listComments'] = (ref) =>
    this.#call<Comment[]>('GET', `/api/tickets/${seg(ref)}/comments`)
  listHistory: TicketService['listHistory'] = (filter) =>
    this.#call<HistoryEvent[]>('GET', '/api/history', undefined, {
      ...filter,
      limit: filter.limit ?? 0,
    })
  conversation: TicketService['conversation'] = (ref) =>
    this.#call<ConversationEntry[]>('GET', `/api/tickets/${seg(ref)}/conversation`)

  addDependency: TicketService['addDependency'] = (ref, dependsOn) =>
    this.#call<Dependencies>('POST', `/api/tickets/${seg(ref)}/dependencies`, {
      depends_on: dependsOn,
    })
  removeDependency: TicketService['removeDependency'] = (ref, dependsOn) =>
    this.#call<Dependencies>('DELETE', `/api/tickets/${seg(ref)}/dependencies/${seg(dependsOn)}`)
  listDependencies: TicketService['listDependencies'] = (ref) =>
    this.#call<Dependencies>('GET', `/api/tickets/${seg(ref)}/dependencies`)
  listBlocked: TicketService['listBlocked'] = (project) =>
    this.#call<BlockedTicket[]>('GET', `/api/projects/${seg(project)}/blocked`)

  // ---- agents ----
  createAgent: TicketService['createAgent'] = (input) => this.#call('POST', '/api/agents', input)
  listAgents: TicketService['listAgents'] = () => this.#call('GET', '/api/agents')
  updateAgent: TicketService['updateAgent'] = (id, patch) =>
    this.#call('PATCH', `/api/agents/${seg(id)}`, patch)
  setAgentEnabled: TicketService['setAgentEnabled'] = (id, enabled) =>
    this.#call('POST', `/api/agents/${seg(id)}/${enabled ? 'enable' : 'disable'}`)
  deleteAgent: TicketService['deleteAgent'] = async (id) => {
    await this.#call('DELETE', `/api/agents/${seg(id)}`)
  }
  resetAgentPassword: TicketService['resetAgentPassword'] = (id, password) =>
    this.#call('POST', `/api/agents/${seg(id)}/reset-password`, password ? { password } : {})
  listAgentConfig: TicketService['listAgentConfig'] = (id) =>
    this.#call('GET', `/api/agents/${seg(id)}/config`)
  setAgentConfig: TicketService['setAgentConfig'] = (id, key, value) =>
    this.#call('POST', `/api/agents/${seg(id)}/config`, { key, value })
  deleteAgentConfig: TicketService['deleteAgentConfig'] = async (id, key) => {
    await this.#call('DELETE', `/api/agents/${seg(id)}/config/${seg(key)}`)
  }
  registerAgent: TicketService['registerAgent'] = async () =>
    (await this.#call<{ agent: User }>('POST', '/api/agents/register', {})).agent
  heartbeat: TicketService['heartbeat'] = (status) =>
    this.#call('POST', '/api/agents/heartbeat', status ? { status } : {})
  requestWork: TicketService['requestWork'] = (input) =>
    this.#call('POST', '/api/agents/request', input)
  reportWork: TicketService['reportWork'] = (ref, report) =>
    this.#call('POST', `/api/agents/tickets/${seg(ref)}/update`, report)
  releaseWork: TicketService['releaseWork'] = (ref, reason) =>
    this.#call('POST', `/api/agents/tickets/${seg(ref)}/release`, { reason })
  analyse: TicketService['analyse'] = (ref) =>
    this.#call('POST', `/api/tickets/${seg(ref)}/analyse`)
  addBreakdown: TicketService['addBreakdown'] = (ref, breakdown) =>
    this.#call('POST', `/api/tickets/${seg(ref)}/breakdown`, breakdown)
  // ---- end agents ----

  async close(): Promise<void> {
    await this.#onClose?.()
  }
}

/** UTF-8 safe, and without node:buffer so the browser can load this file too. */
const base64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)))

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return { error: text.slice(0, 200) }
  }
}
