/** @module The `TicketService` over the HTTP API; runs in Node and in the browser (no node:*). */

import { TicketError } from '../domain/errors.ts'
import type { Comment, ConversationEntry, HistoryEvent } from '../domain/history.ts'
import { errorCodeOf } from '../domain/http-status.ts'
import type { Project } from '../domain/project.ts'
import { formatSnapshotChunks, snapshotBatches, wholeSnapshot } from '../domain/snapshot.ts'
import type { Ticket, TicketDetail } from '../domain/ticket.ts'
import { flagAction } from '../domain/ticket-flags.ts'
import type { User } from '../domain/user.ts'
import type { WorkflowTarget } from '../service/organisation-service.ts'
import type {
  BlockedTicket,
  ClaimResult,
  Dependencies,
  ServiceStatus,
  Session,
  TicketFilter,
  TicketGraph,
  TicketService,
  TicketWithRecords,
  TreeNode,
  TreePage,
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
  /**
   * Signs in with these when the server answers 401 (no token yet, or it expired or was
   * ended), then retries the call once: TICKET_USERNAME and TICKET_PASSWORD in the CLI.
   */
  readonly login?: { readonly username: string; readonly password: string }
  /** Runs when the service is closed (e.g. to stop a server started for it). */
  readonly onClose?: () => Promise<void>
}

type Query = Record<string, string | number | boolean | undefined>

const seg = encodeURIComponent

/** One JSON value a line: how a server streams every match of a search. */
const NDJSON = 'application/x-ndjson'
/** Tickets handed on at a time from a streamed answer. */
const PAGE = 1000

const targetPath = (t: WorkflowTarget) =>
  'ticket' in t ? `/api/tickets/${seg(t.ticket)}` : `/api/projects/${seg(t.project)}`

function filterQuery(f: TicketFilter): Query {
  return {
    project: f.project,
    type: f.type,
    stage: f.stage,
    state: f.state,
    status: f.status,
    assignee: f.assignee,
    label: f.label,
    parent: f.parent,
    include_closed: f.closed || undefined,
    include_archived: f.archived || undefined,
    limit: f.limit,
    offset: f.offset,
    after: f.after,
    sort: f.sort,
    order: f.order,
  }
}

export class HttpService implements TicketService {
  readonly #base: string
  readonly #timeoutMs: number
  readonly #fetch: typeof fetch
  readonly #onClose: (() => Promise<void>) | undefined
  readonly #login: HttpServiceOptions['login']
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
    this.#login = options.login
  }

  /** The session token in use (to store after `login`). */
  get token(): string | undefined {
    return this.#token
  }

  async #call<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
    const res = await this.#signedIn(path, () =>
      this.#open(method, path, body, query, AbortSignal.timeout(this.#timeoutMs)),
    )
    const text = await res.text().catch((e: unknown) => {
      throw this.#unreachable(e)
    })
    return (text === '' ? undefined : parseJson(text)) as T
  }

  /** Runs `send`, and once more after signing in when it answers 401 and a login is known. */
  async #signedIn(path: string, send: () => Promise<Response>): Promise<Response> {
    try {
      return await send()
    } catch (e) {
      const retry =
        e instanceof TicketError &&
        e.code === 'unauthenticated' &&
        this.#login !== undefined &&
        path !== '/api/login'
      if (!retry) throw e
      await this.login(this.#login!.username, this.#login!.password)
      return send()
    }
  }

  /** The server's answer, once its status is known to be a success; an error answer throws. */
  async #open(
    method: string,
    path: string,
    body: unknown,
    query: Query | undefined,
    signal: AbortSignal,
    accept = 'application/json',
  ): Promise<Response> {
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.set(k, String(v))
    const url = `${this.#base}${path}${params.size > 0 ? `?${params}` : ''}`
    const headers: Record<string, string> = { accept }
    if (this.#token) headers.authorization = `Bearer ${this.#token}`
    else if (this.#basic) headers.authorization = this.#basic
    // The server requires it of every change signed in by the browser's cookie, bodyless too.
    if (body !== undefined || method !== 'GET') headers['content-type'] = 'application/json'
    let res: Response
    try {
      res = await this.#fetch(url, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal,
      })
    } catch (e) {
      throw this.#unreachable(e)
    }
    if (res.ok) return res
    const text = await res.text().catch((e: unknown) => {
      throw this.#unreachable(e)
    })
    const err = (text === '' ? undefined : parseJson(text)) as
      | { error?: unknown; hint?: unknown }
      | undefined
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

  setRegistration: TicketService['setRegistration'] = async (enabled) =>
    (
      await this.#call<{ registration_enabled: boolean }>('POST', '/api/config/registration', {
        enabled,
      })
    ).registration_enabled

  listWorkflows: TicketService['listWorkflows'] = () => this.#call('GET', '/api/workflows')
  getWorkflow: TicketService['getWorkflow'] = (ref) =>
    this.#call('GET', `/api/workflows/${seg(ref)}`)
  createWorkflow: TicketService['createWorkflow'] = (input) =>
    this.#call('POST', '/api/workflows', input)
  deleteWorkflow: TicketService['deleteWorkflow'] = async (ref) => {
    await this.#call('DELETE', `/api/workflows/${seg(ref)}`)
  }
  addWorkflowStage: TicketService['addWorkflowStage'] = (ref, stage) =>
    this.#call('POST', `/api/workflows/${seg(ref)}/stages`, stage)
  removeWorkflowStage: TicketService['removeWorkflowStage'] = (ref, stage) =>
    this.#call('DELETE', `/api/workflows/${seg(ref)}/stages/${seg(stage)}`)
  reorderWorkflowStages: TicketService['reorderWorkflowStages'] = (ref, stages) =>
    this.#call('PUT', `/api/workflows/${seg(ref)}/reorder`, { stages })
  exportWorkflow: TicketService['exportWorkflow'] = (ref) =>
    this.#call('GET', `/api/workflows/${seg(ref)}/export`)
  importWorkflow: TicketService['importWorkflow'] = (data, options) =>
    this.#call('POST', '/api/workflows/import', data, { name: options?.name })
  setWorkflow: TicketService['setWorkflow'] = (target, workflow) =>
    this.#call('POST', `${targetPath(target)}/workflow`, { workflow })
  unsetWorkflow: TicketService['unsetWorkflow'] = (target) =>
    this.#call('DELETE', `${targetPath(target)}/workflow`)

  listRoles: TicketService['listRoles'] = () => this.#call('GET', '/api/roles')
  getRole: TicketService['getRole'] = (ref) => this.#call('GET', `/api/roles/${seg(ref)}`)
  createRole: TicketService['createRole'] = (input) => this.#call('POST', '/api/roles', input)
  updateRole: TicketService['updateRole'] = (ref, patch) =>
    this.#call('PATCH', `/api/roles/${seg(ref)}`, patch)
  deleteRole: TicketService['deleteRole'] = async (ref, options) => {
    await this.#call('DELETE', `/api/roles/${seg(ref)}`, undefined, { force: options?.force })
  }

  listUsers: TicketService['listUsers'] = (options) =>
    this.#call('GET', '/api/users', undefined, { include_agents: options?.include_agents })
  createUser: TicketService['createUser'] = (input) => this.#call('POST', '/api/users', input)
  setUserEnabled: TicketService['setUserEnabled'] = (username, enabled) =>
    this.#call('POST', `/api/users/${seg(username)}/${enabled ? 'enable' : 'disable'}`)
  resetPassword: TicketService['resetPassword'] = (username, password) =>
    this.#call(
      'POST',
      `/api/users/${seg(username)}/reset-password`,
      password === undefined ? {} : { password },
    )
  deleteUser: TicketService['deleteUser'] = async (username) => {
    await this.#call('DELETE', `/api/users/${seg(username)}`)
  }

  listTeams: TicketService['listTeams'] = () => this.#call('GET', '/api/teams')
  getTeam: TicketService['getTeam'] = (ref) => this.#call('GET', `/api/teams/${seg(ref)}`)
  createTeam: TicketService['createTeam'] = (input) => this.#call('POST', '/api/teams', input)
  updateTeam: TicketService['updateTeam'] = (ref, patch) =>
    this.#call('PATCH', `/api/teams/${seg(ref)}`, patch)
  deleteTeam: TicketService['deleteTeam'] = async (ref) => {
    await this.#call('DELETE', `/api/teams/${seg(ref)}`)
  }
  listTeamMembers: TicketService['listTeamMembers'] = (team) =>
    this.#call('GET', `/api/teams/${seg(team)}/users`)
  addTeamMember: TicketService['addTeamMember'] = (team, input) =>
    this.#call('POST', `/api/teams/${seg(team)}/users`, input)
  removeTeamMember: TicketService['removeTeamMember'] = async (team, username) => {
    await this.#call('DELETE', `/api/teams/${seg(team)}/users/${seg(username)}`)
  }
  addTeamAgent: TicketService['addTeamAgent'] = (team, agent) =>
    this.#call('POST', `/api/teams/${seg(team)}/agents`, { agent })
  removeTeamAgent: TicketService['removeTeamAgent'] = async (team, agent) => {
    await this.#call('DELETE', `/api/teams/${seg(team)}/agents/${seg(agent)}`)
  }

  listProjectMembers: TicketService['listProjectMembers'] = (project) =>
    this.#call('GET', `/api/projects/${seg(project)}/users`)
  addProjectMember: TicketService['addProjectMember'] = (project, input) =>
    this.#call('POST', `/api/projects/${seg(project)}/users`, input)
  removeProjectMember: TicketService['removeProjectMember'] = async (project, username) => {
    await this.#call('DELETE', `/api/projects/${seg(project)}/users/${seg(username)}`)
  }
  listProjectTeams: TicketService['listProjectTeams'] = (project) =>
    this.#call('GET', `/api/projects/${seg(project)}/teams`)
  addProjectTeam: TicketService['addProjectTeam'] = (project, input) =>
    this.#call('POST', `/api/projects/${seg(project)}/teams`, input)
  removeProjectTeam: TicketService['removeProjectTeam'] = async (project, team) => {
    await this.#call('DELETE', `/api/projects/${seg(project)}/teams/${seg(team)}`)
  }

  createStory: TicketService['createStory'] = (input) => this.#call('POST', '/api/stories', input)
  listStories: TicketService['listStories'] = (filter) =>
    this.#call('GET', `/api/projects/${seg(filter.project)}/stories`, undefined, {
      status: filter.status,
    })
  getStory: TicketService['getStory'] = (id) => this.#call('GET', `/api/stories/${id}`)
  updateStory: TicketService['updateStory'] = (id, patch) =>
    this.#call('PATCH', `/api/stories/${id}`, patch)
  deleteStory: TicketService['deleteStory'] = async (id) => {
    await this.#call('DELETE', `/api/stories/${id}`)
  }
  linkStory: TicketService['linkStory'] = (id, ticket) =>
    this.#call('POST', `/api/stories/${id}/tickets`, { ticket })
  unlinkStory: TicketService['unlinkStory'] = (id, ticket) =>
    this.#call('DELETE', `/api/stories/${id}/tickets/${seg(ticket)}`)

  listRequirements: TicketService['listRequirements'] = (filter) =>
    this.#call('GET', `/api/projects/${seg(filter.project)}/requirements`, undefined, {
      review_status: filter.review_status,
    })
  reviewRequirement: TicketService['reviewRequirement'] = (ref, input) =>
    this.#call('POST', `/api/tickets/${seg(ref)}/review`, input)
  curateRequirement: TicketService['curateRequirement'] = (input) =>
    this.#call('POST', '/api/requirements', input)

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
  // The short form: comments and history have their own calls.
  getTicket: TicketService['getTicket'] = (ref) =>
    this.#call<TicketDetail>('GET', `/api/tickets/${seg(ref)}`, undefined, { brief: true })
  getTicketWithRecords: TicketService['getTicketWithRecords'] = (ref) =>
    this.#call<TicketWithRecords>('GET', `/api/tickets/${seg(ref)}`)
  listTickets: TicketService['listTickets'] = (filter) =>
    this.#call<Ticket[]>('GET', '/api/tickets', undefined, filterQuery(filter))
  countTickets: TicketService['countTickets'] = async (filter) =>
    (
      await this.#call<{ total: number }>(
        'GET',
        '/api/tickets/count',
        undefined,
        filterQuery(filter),
      )
    ).total
  ticketGraph: TicketService['ticketGraph'] = ({ project, ...filter }) => {
    const { type, stage, state, status, assignee, label, parent, limit } = filterQuery(filter)
    return this.#call<TicketGraph>('GET', `/api/projects/${seg(project)}/graph`, undefined, {
      type,
      stage,
      state,
      status,
      assignee,
      label,
      parent,
      limit,
    })
  }
  searchTickets: TicketService['searchTickets'] = (words, filter) =>
    this.#call<Ticket[]>('GET', '/api/tickets', undefined, { ...filterQuery(filter), q: words })
  /**
   * Every match as the server reads it, one ticket a line (NDJSON), handed on a page at a
   * time as lines arrive; the response is read only as fast as the pages are taken. A server
   * that answers the whole JSON array instead (older ones) is read whole.
   */
  async *searchTicketPages(words: string, filter: TicketFilter): AsyncGenerator<Ticket[]> {
    const abort = new AbortController()
    // The bound is on silence: each piece of the answer that arrives restarts it.
    let timer = setTimeout(() => abort.abort(), this.#timeoutMs)
    const query = { ...filterQuery({ ...filter, limit: 0 }), q: words }
    try {
      const res = await this.#signedIn('/api/tickets', () =>
        this.#open('GET', '/api/tickets', undefined, query, abort.signal, NDJSON),
      )
      if (!res.headers.get('content-type')?.startsWith(NDJSON) || !res.body) {
        const all = parseJson(await res.text()) as Ticket[]
        for (let i = 0; i < all.length; i += PAGE) yield all.slice(i, i + PAGE)
        return
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
      let rest = ''
      let page: Ticket[] = []
      for (;;) {
        const { done, value } = await reader.read().catch((e: unknown) => {
          throw this.#unreachable(e)
        })
        clearTimeout(timer)
        if (done) break
        const lines = (rest + value).split('\n')
        rest = lines.pop()!
        for (const line of lines) if (line !== '') page.push(parseJson(line) as Ticket)
        if (page.length >= PAGE) {
          yield page
          page = []
        }
        timer = setTimeout(() => abort.abort(), this.#timeoutMs)
      }
      if (rest !== '') page.push(parseJson(rest) as Ticket)
      if (page.length > 0) yield page
    } finally {
      clearTimeout(timer)
      abort.abort()
    }
  }
  updateTicket: TicketService['updateTicket'] = (ref, patch) =>
    this.#call('PATCH', `/api/tickets/${seg(ref)}`, patch)
  deleteTicket: TicketService['deleteTicket'] = async (ref) => {
    await this.#call('DELETE', `/api/tickets/${seg(ref)}`)
  }

  setState: TicketService['setState'] = (ref, state, options) =>
    this.#call('POST', `/api/tickets/${seg(ref)}/state`, {
      state,
      force: options?.force ?? false,
      ...(options?.final ? { final: true } : {}),
    })
  setStage: TicketService['setStage'] = (ref, stage) =>
    this.#call('POST', `/api/tickets/${seg(ref)}/stage`, { stage })
  setFlag: TicketService['setFlag'] = (ref, flag, value, options) =>
    this.#call(
      'POST',
      `/api/tickets/${seg(ref)}/${flagAction(flag, value)}`,
      options?.message === undefined ? undefined : { message: options.message },
    )

  setParent: TicketService['setParent'] = (ref, parent) =>
    this.#call('POST', `/api/tickets/${seg(ref)}/parent`, { parent })
  unsetParent: TicketService['unsetParent'] = (ref) =>
    this.#call('DELETE', `/api/tickets/${seg(ref)}/parent`)
  listOrphans: TicketService['listOrphans'] = (project) =>
    this.#call('GET', `/api/projects/${seg(project)}/orphans`)
  tree: TicketService['tree'] = (input) =>
    this.#call<TreeNode[]>('GET', '/api/tree', undefined, input)
  treePage: TicketService['treePage'] = ({ project, parent, after, limit }) =>
    this.#call<TreePage>('GET', `/api/projects/${seg(project)}/tree`, undefined, {
      parent,
      after,
      limit,
    })

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
  listComments: TicketService['listComments'] = (ref, limit) =>
    this.#call<Comment[]>(
      'GET',
      `/api/tickets/${seg(ref)}/comments`,
      undefined,
      limit ? { limit } : undefined,
    )
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

  createLabel: TicketService['createLabel'] = ({ project, ...rest }) =>
    this.#call('POST', `/api/projects/${seg(project)}/labels`, rest)
  listLabels: TicketService['listLabels'] = (project) =>
    this.#call('GET', `/api/projects/${seg(project)}/labels`)
  updateLabel: TicketService['updateLabel'] = (project, label, patch) =>
    this.#call('PATCH', `/api/projects/${seg(project)}/labels/${seg(label)}`, patch)
  deleteLabel: TicketService['deleteLabel'] = async (project, label, options) => {
    await this.#call('DELETE', `/api/projects/${seg(project)}/labels/${seg(label)}`, undefined, {
      force: options?.force,
    })
  }
  addLabel: TicketService['addLabel'] = (ref, label) =>
    this.#call('POST', `/api/tickets/${seg(ref)}/labels`, { label })
  removeLabel: TicketService['removeLabel'] = (ref, label) =>
    this.#call('DELETE', `/api/tickets/${seg(ref)}/labels/${seg(label)}`)
  ticketLabels: TicketService['ticketLabels'] = (ref) =>
    this.#call('GET', `/api/tickets/${seg(ref)}/labels`)

  logTime: TicketService['logTime'] = ({ ticket, ...rest }) =>
    this.#call('POST', `/api/tickets/${seg(ticket)}/time`, rest)
  listTime: TicketService['listTime'] = (ref) => this.#call('GET', `/api/tickets/${seg(ref)}/time`)
  timeTotal: TicketService['timeTotal'] = (ref) =>
    this.#call('GET', `/api/tickets/${seg(ref)}/time/total`)
  deleteTime: TicketService['deleteTime'] = async (id) => {
    await this.#call('DELETE', `/api/time/${id}`)
  }

  board: TicketService['board'] = (input) =>
    this.#call('GET', `/api/projects/${seg(input.project)}/board`, undefined, {
      all: input.all,
      limit: input.limit,
      offset: input.offset,
      stage: input.stage,
    })
  count: TicketService['count'] = (input) =>
    this.#call('GET', '/api/count', undefined, { project: input.project })
  summary: TicketService['summary'] = (project) =>
    this.#call('GET', `/api/projects/${seg(project)}/summary`)

  cloneTicket: TicketService['cloneTicket'] = (ref) =>
    this.#call('POST', `/api/tickets/${seg(ref)}/clone`)
  setHealth: TicketService['setHealth'] = (ref, score) =>
    this.#call('POST', `/api/tickets/${seg(ref)}/health`, { score })
  checkHealth: TicketService['checkHealth'] = (ref) =>
    this.#call('POST', `/api/tickets/${seg(ref)}/health/check`)
  checkProjectHealth: TicketService['checkProjectHealth'] = (project) =>
    this.#call('POST', `/api/projects/${seg(project)}/health`)

  checkDatabase: TicketService['checkDatabase'] = () => this.#call('GET', '/api/doctor')
  diagnoseProject: TicketService['diagnoseProject'] = (ref) =>
    this.#call('GET', `/api/projects/${seg(ref)}/doctor`)
  diagnoseTicket: TicketService['diagnoseTicket'] = (ref) =>
    this.#call('GET', `/api/tickets/${seg(ref)}/doctor`)

  exportSnapshot: TicketService['exportSnapshot'] = () => this.#call('GET', '/api/export')
  /** The server streams its export; here it is read whole (a remote export is bounded by the upload limit anyway). */
  exportSnapshotText: TicketService['exportSnapshotText'] = async () => {
    const s = await this.exportSnapshot()
    return formatSnapshotChunks(s, snapshotBatches(s.tables))
  }
  importSnapshot: TicketService['importSnapshot'] = async (snapshot, options) =>
    this.#call('POST', '/api/import', await wholeSnapshot(snapshot), { force: options?.force })
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
  heartbeat: TicketService['heartbeat'] = (status, ticket) =>
    this.#call('POST', '/api/agents/heartbeat', {
      ...(status ? { status } : {}),
      ...(ticket ? { ticket } : {}),
    })
  requestWork: TicketService['requestWork'] = (input) =>
    this.#call('POST', '/api/agents/request', input)
  reportWork: TicketService['reportWork'] = (ref, report) =>
    this.#call('POST', `/api/agents/tickets/${seg(ref)}/update`, report)
  releaseWork: TicketService['releaseWork'] = (ref, reason) =>
    this.#call('POST', `/api/agents/tickets/${seg(ref)}/release`, { reason })
  analyse: TicketService['analyse'] = (ref) =>
    this.#call('POST', `/api/tickets/${seg(ref)}/analyse`)
  analyseStory: TicketService['analyseStory'] = (id) =>
    this.#call('POST', `/api/stories/${id}/analyse`)
  proposeBreakdown: TicketService['proposeBreakdown'] = (ref) =>
    this.#call('POST', `/api/tickets/${seg(ref)}/analyse/proposal`)
  addBreakdown: TicketService['addBreakdown'] = (ref, breakdown) =>
    this.#call('POST', `/api/tickets/${seg(ref)}/breakdown`, breakdown)
  chatSettings: TicketService['chatSettings'] = () => this.#call('GET', '/api/config/chat')
  setChatSettings: TicketService['setChatSettings'] = (patch) =>
    this.#call('POST', '/api/config/chat', patch)
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
