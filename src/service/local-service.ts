/** @module The `TicketService` over a local store: rules, transactions and events. */

import type { AgentSettings, AskLlm } from '../domain/agent.ts'
import { notFound } from '../domain/errors.ts'
import type { EventSink } from '../domain/events.ts'
import type { User } from '../domain/user.ts'
import type { Store } from '../store/store.ts'
import * as accounts from './local/accounts.ts'
import * as agentWork from './local/agent-work.ts'
import * as agents from './local/agents.ts'
import * as analysis from './local/analyse.ts'
import * as claims from './local/claims.ts'
import type { Ctx } from './local/context.ts'
import * as deps from './local/dependencies.ts'
import * as hierarchy from './local/hierarchy.ts'
import * as lifecycle from './local/lifecycle.ts'
import * as members from './local/members.ts'
import * as projects from './local/projects.ts'
import { requireAdmin } from './local/projects.ts'
import * as records from './local/records.ts'
import * as tickets from './local/tickets.ts'
import type { TicketService } from './ticket-service.ts'
import { toUser } from './users.ts'

export type LocalServiceOptions = {
  readonly store: Store
  readonly actor: User
  readonly now?: () => Date
  readonly emit?: EventSink
  readonly agents?: AgentSettings
  readonly llm?: AskLlm
}

/** Finds the user a local service acts as; unknown names are an error, not a silent admin. */
export async function findActor(store: Store, username: string): Promise<User> {
  const row = await store.read((db) =>
    db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst(),
  )
  if (!row)
    throw notFound(
      `user "${username}" does not exist in this workspace`,
      'unset TICKET_USERNAME, or create the user with tk user create',
    )
  return toUser(row)
}

export class LocalService implements TicketService {
  readonly #ctx: Ctx
  readonly #closeStore: boolean

  constructor(options: LocalServiceOptions & { ownsStore?: boolean }) {
    this.#ctx = {
      store: options.store,
      actor: options.actor,
      now: options.now ?? (() => new Date()),
      ...(options.emit ? { emit: options.emit } : {}),
      ...(options.agents ? { agents: options.agents } : {}),
      ...(options.llm ? { llm: options.llm } : {}),
    }
    this.#closeStore = options.ownsStore ?? true
  }

  async whoami() {
    return this.#ctx.actor
  }

  async status() {
    const { store, actor } = this.#ctx
    return {
      mode: 'local' as const,
      authenticated: true,
      user: actor,
      registration_enabled: await store.read(accounts.isRegistrationEnabled),
    }
  }

  register: TicketService['register'] = (input) =>
    accounts.register(this.#ctx.store, input, this.#ctx.now())
  login: TicketService['login'] = (username, password) =>
    accounts.login(this.#ctx.store, username, password, this.#ctx.now())
  async logout() {}

  #admin(what: string) {
    requireAdmin(this.#ctx, what)
    return this.#ctx.store
  }
  listUsers: TicketService['listUsers'] = async () => accounts.listUsers(this.#admin('list users'))
  createUser: TicketService['createUser'] = async (input) =>
    accounts.createUser(this.#admin('create users'), input, this.#ctx.now())
  setUserEnabled: TicketService['setUserEnabled'] = async (username, enabled) =>
    accounts.setUserEnabled(
      this.#admin('enable or disable users'),
      username,
      enabled,
      this.#ctx.now(),
    )
  resetPassword: TicketService['resetPassword'] = async (username, password) =>
    accounts.resetPassword(this.#admin('reset passwords'), username, password, this.#ctx.now())
  deleteUser: TicketService['deleteUser'] = async (username) =>
    accounts.deleteUser(this.#admin('delete users'), username)
  setRegistration: TicketService['setRegistration'] = async (enabled) =>
    accounts.setRegistration(this.#admin('change registration'), enabled)

  listMembers: TicketService['listMembers'] = (project) => members.listMembers(this.#ctx, project)
  setMember: TicketService['setMember'] = (project, username, role) =>
    members.setMember(this.#ctx, project, username, role)
  removeMember: TicketService['removeMember'] = (project, username) =>
    members.removeMember(this.#ctx, project, username)

  createProject: TicketService['createProject'] = (input) =>
    projects.createProject(this.#ctx, input)
  listProjects: TicketService['listProjects'] = () => projects.listProjects(this.#ctx)
  getProject: TicketService['getProject'] = (ref) => projects.getProject(this.#ctx, ref)
  updateProject: TicketService['updateProject'] = (ref, patch) =>
    projects.updateProject(this.#ctx, ref, patch)
  deleteProject: TicketService['deleteProject'] = (ref) => projects.deleteProject(this.#ctx, ref)

  createTicket: TicketService['createTicket'] = (input) => tickets.createTicket(this.#ctx, input)
  getTicket: TicketService['getTicket'] = (ref) => tickets.getTicket(this.#ctx, ref)
  listTickets: TicketService['listTickets'] = (filter) => tickets.listTickets(this.#ctx, filter)
  searchTickets: TicketService['searchTickets'] = (words, filter) =>
    tickets.searchTickets(this.#ctx, words, filter)
  updateTicket: TicketService['updateTicket'] = (ref, patch) =>
    tickets.updateTicket(this.#ctx, ref, patch)
  deleteTicket: TicketService['deleteTicket'] = (ref) => tickets.deleteTicket(this.#ctx, ref)
  setFlag: TicketService['setFlag'] = (ref, flag, value) =>
    tickets.setFlag(this.#ctx, ref, flag, value)

  setState: TicketService['setState'] = (ref, state, options) =>
    lifecycle.setState(this.#ctx, ref, state, options)
  setStage: TicketService['setStage'] = (ref, stage) => lifecycle.setStage(this.#ctx, ref, stage)

  setParent: TicketService['setParent'] = (ref, parent) =>
    hierarchy.setParent(this.#ctx, ref, parent)
  unsetParent: TicketService['unsetParent'] = (ref) => hierarchy.unsetParent(this.#ctx, ref)
  listOrphans: TicketService['listOrphans'] = (project) => hierarchy.listOrphans(this.#ctx, project)
  tree: TicketService['tree'] = (input) => hierarchy.tree(this.#ctx, input)

  assign: TicketService['assign'] = (ref, username) => claims.assign(this.#ctx, ref, username)
  unassign: TicketService['unassign'] = (ref) => claims.unassign(this.#ctx, ref)
  claim: TicketService['claim'] = (input) => claims.claim(this.#ctx, input)
  unclaim: TicketService['unclaim'] = (ref) => claims.unclaim(this.#ctx, ref)
  next: TicketService['next'] = (input) => claims.next(this.#ctx, input)

  addComment: TicketService['addComment'] = (ref, text) => records.addComment(this.#ctx, ref, text)
  listComments: TicketService['listComments'] = (ref) => records.listComments(this.#ctx, ref)
  listHistory: TicketService['listHistory'] = (filter) => records.listHistory(this.#ctx, filter)
  conversation: TicketService['conversation'] = (ref) => records.conversation(this.#ctx, ref)

  addDependency: TicketService['addDependency'] = (ref, on) =>
    deps.addDependency(this.#ctx, ref, on)
  removeDependency: TicketService['removeDependency'] = (ref, on) =>
    deps.removeDependency(this.#ctx, ref, on)
  listDependencies: TicketService['listDependencies'] = (ref) =>
    deps.listDependencies(this.#ctx, ref)
  listBlocked: TicketService['listBlocked'] = (project) => deps.listBlocked(this.#ctx, project)

  // ---- agents ----
  createAgent: TicketService['createAgent'] = (input) => agents.createAgent(this.#ctx, input)
  listAgents: TicketService['listAgents'] = () => agents.listAgents(this.#ctx)
  updateAgent: TicketService['updateAgent'] = (id, patch) =>
    agents.updateAgent(this.#ctx, id, patch)
  setAgentEnabled: TicketService['setAgentEnabled'] = (id, enabled) =>
    agents.setAgentEnabled(this.#ctx, id, enabled)
  deleteAgent: TicketService['deleteAgent'] = (id) => agents.deleteAgent(this.#ctx, id)
  resetAgentPassword: TicketService['resetAgentPassword'] = (id, password) =>
    agents.resetAgentPassword(this.#ctx, id, password)
  listAgentConfig: TicketService['listAgentConfig'] = (id) => agents.listAgentConfig(this.#ctx, id)
  setAgentConfig: TicketService['setAgentConfig'] = (id, key, value) =>
    agents.setAgentConfig(this.#ctx, id, key, value)
  deleteAgentConfig: TicketService['deleteAgentConfig'] = (id, key) =>
    agents.deleteAgentConfig(this.#ctx, id, key)
  registerAgent: TicketService['registerAgent'] = () => agentWork.registerAgent(this.#ctx)
  heartbeat: TicketService['heartbeat'] = (status) => agentWork.heartbeat(this.#ctx, status)
  requestWork: TicketService['requestWork'] = (input) => agentWork.requestWork(this.#ctx, input)
  reportWork: TicketService['reportWork'] = (ref, report) =>
    agentWork.reportWork(this.#ctx, ref, report)
  releaseWork: TicketService['releaseWork'] = (ref, reason) =>
    agentWork.releaseWork(this.#ctx, ref, reason)
  analyse: TicketService['analyse'] = (ref) => analysis.analyse(this.#ctx, ref)
  addBreakdown: TicketService['addBreakdown'] = (ref, breakdown) =>
    analysis.addBreakdown(this.#ctx, ref, breakdown)
  // ---- end agents ----

  async close() {
    if (this.#closeStore) await this.#ctx.store.close()
  }
}
