/** @module The `TicketService` over a local store: rules, transactions and events. */

import type { AgentSettings, AskLlm } from '../domain/agent.ts'
import { notFound } from '../domain/errors.ts'
import type { EventSink } from '../domain/events.ts'
import type { User } from '../domain/user.ts'
import { first, prepared } from '../store/prepared.ts'
import type { Store } from '../store/store.ts'
import { requireAdmin } from './local/access.ts'
import * as accounts from './local/accounts.ts'
import * as agentWork from './local/agent-work.ts'
import * as agents from './local/agents.ts'
import * as analysis from './local/analyse.ts'
import * as chat from './local/chat-settings.ts'
import * as claims from './local/claims.ts'
import * as clone from './local/clone.ts'
import type { Ctx } from './local/context.ts'
import * as deps from './local/dependencies.ts'
import * as doctor from './local/doctor.ts'
import * as graph from './local/graph.ts'
import * as health from './local/health.ts'
import * as hierarchy from './local/hierarchy.ts'
import * as labels from './local/labels.ts'
import * as lifecycle from './local/lifecycle.ts'
// Organisation and planning.
import * as members from './local/members.ts'
import * as projects from './local/projects.ts'
import * as records from './local/records.ts'
import * as requirements from './local/requirements.ts'
import * as roles from './local/roles.ts'
import * as snapshot from './local/snapshot.ts'
import * as stories from './local/stories.ts'
import * as teams from './local/teams.ts'
import * as tickets from './local/tickets.ts'
import * as time from './local/time.ts'
import * as users from './local/users.ts'
import * as views from './local/views.ts'
import * as workflowAssign from './local/workflow-assign.ts'
import * as workflows from './local/workflows.ts'
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

const actorRow = prepared(
  (db, username: string) => db.selectFrom('users').selectAll().where('username', '=', username),
  'actorRow',
)

/** Finds the user a local service acts as; unknown names are an error, not a silent admin. */
export async function findActor(store: Store, username: string): Promise<User> {
  const row = await store.read((db) => first(actorRow(db, username)))
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

  setRegistration: TicketService['setRegistration'] = async (enabled) => {
    requireAdmin(this.#ctx, 'turn registration on or off')
    return accounts.setRegistration(this.#ctx.store, enabled)
  }

  createProject: TicketService['createProject'] = (input) =>
    projects.createProject(this.#ctx, input)
  listProjects: TicketService['listProjects'] = () => projects.listProjects(this.#ctx)
  getProject: TicketService['getProject'] = (ref) => projects.getProject(this.#ctx, ref)
  updateProject: TicketService['updateProject'] = (ref, patch) =>
    projects.updateProject(this.#ctx, ref, patch)
  deleteProject: TicketService['deleteProject'] = (ref) => projects.deleteProject(this.#ctx, ref)

  createTicket: TicketService['createTicket'] = (input) => tickets.createTicket(this.#ctx, input)
  getTicket: TicketService['getTicket'] = (ref) => tickets.getTicket(this.#ctx, ref)
  getTicketWithRecords: TicketService['getTicketWithRecords'] = (ref) =>
    tickets.getTicketWithRecords(this.#ctx, ref)
  listTickets: TicketService['listTickets'] = (filter) => tickets.listTickets(this.#ctx, filter)
  countTickets: TicketService['countTickets'] = (filter) => tickets.countTickets(this.#ctx, filter)
  ticketGraph: TicketService['ticketGraph'] = (filter) => graph.ticketGraph(this.#ctx, filter)
  searchTickets: TicketService['searchTickets'] = (words, filter) =>
    tickets.searchTickets(this.#ctx, words, filter)
  searchTicketPages: TicketService['searchTicketPages'] = (words, filter) =>
    tickets.searchTicketPages(this.#ctx, words, filter)
  updateTicket: TicketService['updateTicket'] = (ref, patch) =>
    tickets.updateTicket(this.#ctx, ref, patch)
  deleteTicket: TicketService['deleteTicket'] = (ref) => tickets.deleteTicket(this.#ctx, ref)
  setFlag: TicketService['setFlag'] = (ref, flag, value, options) =>
    tickets.setFlag(this.#ctx, ref, flag, value, options)

  setState: TicketService['setState'] = (ref, state, options) =>
    lifecycle.setState(this.#ctx, ref, state, options)
  setStage: TicketService['setStage'] = (ref, stage) => lifecycle.setStage(this.#ctx, ref, stage)

  setParent: TicketService['setParent'] = (ref, parent) =>
    hierarchy.setParent(this.#ctx, ref, parent)
  unsetParent: TicketService['unsetParent'] = (ref) => hierarchy.unsetParent(this.#ctx, ref)
  listOrphans: TicketService['listOrphans'] = (project) => hierarchy.listOrphans(this.#ctx, project)
  tree: TicketService['tree'] = (input) => hierarchy.tree(this.#ctx, input)
  treePage: TicketService['treePage'] = (input) => hierarchy.treePage(this.#ctx, input)

  assign: TicketService['assign'] = (ref, username) => claims.assign(this.#ctx, ref, username)
  unassign: TicketService['unassign'] = (ref) => claims.unassign(this.#ctx, ref)
  claim: TicketService['claim'] = (input) => claims.claimWithContext(this.#ctx, input)
  unclaim: TicketService['unclaim'] = (ref) => claims.unclaim(this.#ctx, ref)
  next: TicketService['next'] = (input) => claims.next(this.#ctx, input)

  addComment: TicketService['addComment'] = (ref, text) => records.addComment(this.#ctx, ref, text)
  listComments: TicketService['listComments'] = (ref, limit) =>
    records.listComments(this.#ctx, ref, limit)
  listHistory: TicketService['listHistory'] = (filter) => records.listHistory(this.#ctx, filter)
  conversation: TicketService['conversation'] = (ref) => records.conversation(this.#ctx, ref)

  addDependency: TicketService['addDependency'] = (ref, on) =>
    deps.addDependency(this.#ctx, ref, on)
  removeDependency: TicketService['removeDependency'] = (ref, on) =>
    deps.removeDependency(this.#ctx, ref, on)
  listDependencies: TicketService['listDependencies'] = (ref) =>
    deps.listDependencies(this.#ctx, ref)
  listBlocked: TicketService['listBlocked'] = (project) => deps.listBlocked(this.#ctx, project)

  // ---- labels, time, views, clone, health, doctor, snapshots ----
  createLabel: TicketService['createLabel'] = (input) => labels.createLabel(this.#ctx, input)
  listLabels: TicketService['listLabels'] = (project) => labels.listLabels(this.#ctx, project)
  updateLabel: TicketService['updateLabel'] = (project, label, patch) =>
    labels.updateLabel(this.#ctx, project, label, patch)
  deleteLabel: TicketService['deleteLabel'] = (project, label, options) =>
    labels.deleteLabel(this.#ctx, project, label, options)
  addLabel: TicketService['addLabel'] = (ref, label) => labels.addLabel(this.#ctx, ref, label)
  removeLabel: TicketService['removeLabel'] = (ref, label) =>
    labels.removeLabel(this.#ctx, ref, label)
  ticketLabels: TicketService['ticketLabels'] = (ref) => labels.ticketLabels(this.#ctx, ref)
  logTime: TicketService['logTime'] = (input) => time.logTime(this.#ctx, input)
  listTime: TicketService['listTime'] = (ref) => time.listTime(this.#ctx, ref)
  timeTotal: TicketService['timeTotal'] = (ref) => time.timeTotal(this.#ctx, ref)
  deleteTime: TicketService['deleteTime'] = (id) => time.deleteTime(this.#ctx, id)
  board: TicketService['board'] = (input) => views.board(this.#ctx, input)
  count: TicketService['count'] = (input) => views.count(this.#ctx, input)
  summary: TicketService['summary'] = (project) => views.summary(this.#ctx, project)
  cloneTicket: TicketService['cloneTicket'] = (ref) => clone.cloneTicket(this.#ctx, ref)
  setHealth: TicketService['setHealth'] = (ref, score) => health.setHealth(this.#ctx, ref, score)
  checkHealth: TicketService['checkHealth'] = (ref) => health.checkHealth(this.#ctx, ref)
  checkProjectHealth: TicketService['checkProjectHealth'] = (project) =>
    health.checkProjectHealth(this.#ctx, project)
  checkDatabase: TicketService['checkDatabase'] = () => doctor.checkDatabase(this.#ctx)
  diagnoseProject: TicketService['diagnoseProject'] = (ref) =>
    doctor.diagnoseProject(this.#ctx, ref)
  diagnoseTicket: TicketService['diagnoseTicket'] = (ref) => doctor.diagnoseTicket(this.#ctx, ref)
  exportSnapshot: TicketService['exportSnapshot'] = () => snapshot.exportSnapshot(this.#ctx)
  exportSnapshotText: TicketService['exportSnapshotText'] = async () =>
    snapshot.exportSnapshotText(this.#ctx)
  importSnapshot: TicketService['importSnapshot'] = (snap, options) =>
    snapshot.importSnapshot(this.#ctx, snap, options)
  // ---- end labels, time, views, clone, health, doctor, snapshots ----
  // --- Organisation and planning ---
  listWorkflows: TicketService['listWorkflows'] = () => workflows.listWorkflows(this.#ctx)
  getWorkflow: TicketService['getWorkflow'] = (ref) => workflows.getWorkflow(this.#ctx, ref)
  createWorkflow: TicketService['createWorkflow'] = (input) =>
    workflows.createWorkflow(this.#ctx, input)
  deleteWorkflow: TicketService['deleteWorkflow'] = (ref) =>
    workflows.deleteWorkflow(this.#ctx, ref)
  addWorkflowStage: TicketService['addWorkflowStage'] = (ref, stage) =>
    workflows.addWorkflowStage(this.#ctx, ref, stage)
  removeWorkflowStage: TicketService['removeWorkflowStage'] = (ref, stage) =>
    workflows.removeWorkflowStage(this.#ctx, ref, stage)
  reorderWorkflowStages: TicketService['reorderWorkflowStages'] = (ref, stages) =>
    workflows.reorderWorkflowStages(this.#ctx, ref, stages)
  exportWorkflow: TicketService['exportWorkflow'] = (ref) =>
    workflows.exportWorkflow(this.#ctx, ref)
  importWorkflow: TicketService['importWorkflow'] = (data, options) =>
    workflows.importWorkflow(this.#ctx, data, options)
  setWorkflow: TicketService['setWorkflow'] = (target, workflow) =>
    workflowAssign.setWorkflow(this.#ctx, target, workflow)
  unsetWorkflow: TicketService['unsetWorkflow'] = (target) =>
    workflowAssign.unsetWorkflow(this.#ctx, target)

  listRoles: TicketService['listRoles'] = () => roles.listRoles(this.#ctx)
  getRole: TicketService['getRole'] = (ref) => roles.getRole(this.#ctx, ref)
  createRole: TicketService['createRole'] = (input) => roles.createRole(this.#ctx, input)
  updateRole: TicketService['updateRole'] = (ref, patch) => roles.updateRole(this.#ctx, ref, patch)
  deleteRole: TicketService['deleteRole'] = (ref, options) =>
    roles.deleteRole(this.#ctx, ref, options)

  listUsers: TicketService['listUsers'] = (options) => users.listUsers(this.#ctx, options)
  createUser: TicketService['createUser'] = (input) => users.createUser(this.#ctx, input)
  setUserEnabled: TicketService['setUserEnabled'] = (username, enabled) =>
    users.setUserEnabled(this.#ctx, username, enabled)
  resetPassword: TicketService['resetPassword'] = (username, password) =>
    users.resetPassword(this.#ctx, username, password)
  deleteUser: TicketService['deleteUser'] = (username) => users.deleteUser(this.#ctx, username)

  listTeams: TicketService['listTeams'] = () => teams.listTeams(this.#ctx)
  getTeam: TicketService['getTeam'] = (ref) => teams.getTeam(this.#ctx, ref)
  createTeam: TicketService['createTeam'] = (input) => teams.createTeam(this.#ctx, input)
  updateTeam: TicketService['updateTeam'] = (ref, patch) => teams.updateTeam(this.#ctx, ref, patch)
  deleteTeam: TicketService['deleteTeam'] = (ref) => teams.deleteTeam(this.#ctx, ref)
  listTeamMembers: TicketService['listTeamMembers'] = (team) =>
    teams.listTeamMembers(this.#ctx, team)
  addTeamMember: TicketService['addTeamMember'] = (team, input) =>
    teams.addTeamMember(this.#ctx, team, input)
  removeTeamMember: TicketService['removeTeamMember'] = (team, username) =>
    teams.removeTeamMember(this.#ctx, team, username)
  addTeamAgent: TicketService['addTeamAgent'] = (team, agent) =>
    teams.addTeamAgent(this.#ctx, team, agent)
  removeTeamAgent: TicketService['removeTeamAgent'] = (team, agent) =>
    teams.removeTeamAgent(this.#ctx, team, agent)

  listProjectMembers: TicketService['listProjectMembers'] = (project) =>
    members.listProjectMembers(this.#ctx, project)
  addProjectMember: TicketService['addProjectMember'] = (project, input) =>
    members.addProjectMember(this.#ctx, project, input)
  removeProjectMember: TicketService['removeProjectMember'] = (project, username) =>
    members.removeProjectMember(this.#ctx, project, username)
  listProjectTeams: TicketService['listProjectTeams'] = (project) =>
    members.listProjectTeams(this.#ctx, project)
  addProjectTeam: TicketService['addProjectTeam'] = (project, input) =>
    members.addProjectTeam(this.#ctx, project, input)
  removeProjectTeam: TicketService['removeProjectTeam'] = (project, team) =>
    members.removeProjectTeam(this.#ctx, project, team)

  createStory: TicketService['createStory'] = (input) => stories.createStory(this.#ctx, input)
  listStories: TicketService['listStories'] = (filter) => stories.listStories(this.#ctx, filter)
  getStory: TicketService['getStory'] = (id) => stories.getStory(this.#ctx, id)
  updateStory: TicketService['updateStory'] = (id, patch) =>
    stories.updateStory(this.#ctx, id, patch)
  deleteStory: TicketService['deleteStory'] = (id) => stories.deleteStory(this.#ctx, id)
  linkStory: TicketService['linkStory'] = (id, ticket) => stories.linkStory(this.#ctx, id, ticket)
  unlinkStory: TicketService['unlinkStory'] = (id, ticket) =>
    stories.unlinkStory(this.#ctx, id, ticket)

  listRequirements: TicketService['listRequirements'] = (filter) =>
    requirements.listRequirements(this.#ctx, filter)
  reviewRequirement: TicketService['reviewRequirement'] = (ref, input) =>
    requirements.reviewRequirement(this.#ctx, ref, input)
  curateRequirement: TicketService['curateRequirement'] = (input) =>
    requirements.curateRequirement(this.#ctx, input)
  // --- end of organisation and planning ---
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
  heartbeat: TicketService['heartbeat'] = (status, ticket) =>
    agentWork.heartbeat(this.#ctx, status, ticket)
  requestWork: TicketService['requestWork'] = (input) => agentWork.requestWork(this.#ctx, input)
  reportWork: TicketService['reportWork'] = (ref, report) =>
    agentWork.reportWork(this.#ctx, ref, report)
  releaseWork: TicketService['releaseWork'] = (ref, reason) =>
    agentWork.releaseWork(this.#ctx, ref, reason)
  analyse: TicketService['analyse'] = (ref) => analysis.analyse(this.#ctx, ref)
  analyseStory: TicketService['analyseStory'] = (id) => analysis.analyseStory(this.#ctx, id)
  proposeBreakdown: TicketService['proposeBreakdown'] = (ref) =>
    analysis.proposeBreakdown(this.#ctx, ref)
  addBreakdown: TicketService['addBreakdown'] = (ref, breakdown) =>
    analysis.addBreakdown(this.#ctx, ref, breakdown)
  chatSettings: TicketService['chatSettings'] = () => chat.chatSettings(this.#ctx)
  setChatSettings: TicketService['setChatSettings'] = (patch) =>
    chat.setChatSettings(this.#ctx, patch)
  // ---- end agents ----

  async close() {
    if (this.#closeStore) await this.#ctx.store.close()
  }
}
