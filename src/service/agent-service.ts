/** @module What agents and the admins who run them can ask of the service. */
import type {
  AgentConfigEntry,
  AgentCredentials,
  AgentReport,
  AgentSummary,
  AgentWork,
  ChatSettings,
  ReportableStatus,
} from '../domain/agent.ts'
import type { Breakdown } from '../domain/breakdown.ts'
import type { Ticket } from '../domain/ticket.ts'
import type { User } from '../domain/user.ts'

export type NewAgent = {
  /** Generated (and shown once) when absent. */
  readonly password?: string
  readonly display_name?: string
  readonly description?: string
}

export type AgentPatch = Partial<{
  readonly password: string
  readonly display_name: string
  readonly description: string
}>

export type WorkRequest = {
  /** Only work from this project (prefix or id). */
  readonly project?: string
  /** Ask for this ticket rather than the next in claim order. */
  readonly ticket?: string
  /** Say what would be handed out without claiming it. */
  readonly dry_run?: boolean
}

export type HeartbeatResult = {
  readonly status: string
  /** When the lease on the agent's current ticket now ends; null when it holds none. */
  readonly lease_expires_at: string | null
}

/** What an analysis created: the tickets the LLM proposed, as children of the analysed one. */
export type AnalyseResult = { readonly parent: string; readonly created: readonly Ticket[] }

export interface AgentService {
  /** Admin only: a new agent (UUID username) and its password, which is never shown again. */
  createAgent(input: NewAgent): Promise<AgentCredentials>
  /** Admin only: every agent, with the ticket it works on now. */
  listAgents(): Promise<AgentSummary[]>
  /** Admin only; a new password ends the agent's sessions. */
  updateAgent(id: string, patch: AgentPatch): Promise<User>
  /** Admin only: enabling sets `idle`, disabling sets `disabled` and ends its sessions. */
  setAgentEnabled(id: string, enabled: boolean): Promise<User>
  /** Admin only: the tickets it held go back to the queue, with the reason in history. */
  deleteAgent(id: string): Promise<void>
  /** Admin only: a new password (generated when absent), shown once. */
  resetAgentPassword(id: string, password?: string): Promise<AgentCredentials>
  /** Admin only: the agent's settings (`llm`, `project`, `poll_seconds`, …), by key. */
  listAgentConfig(id: string): Promise<AgentConfigEntry[]>
  setAgentConfig(id: string, key: string, value: string): Promise<AgentConfigEntry>
  deleteAgentConfig(id: string, key: string): Promise<void>

  /** As an agent: says it is online. */
  registerAgent(): Promise<User>
  /**
   * As an agent: it is alive; renews the lease on the ticket it holds. With `ticket`, refused
   * (conflict, saying why) unless the agent holds that ticket under a lease.
   */
  heartbeat(status?: ReportableStatus, ticket?: string): Promise<HeartbeatResult>
  /** As an agent: the ticket it holds, else the next one by the claim rules (domain.md). */
  requestWork(input: WorkRequest): Promise<AgentWork>
  /**
   * As an agent: the run on its ticket ended. The output becomes a comment, the wall time a
   * time entry, the run an `agent_run` history event; `success` advances the ticket, `fail`
   * leaves it in `fail` with the reason. Either way the agent lets go of it.
   */
  reportWork(ref: string, report: AgentReport): Promise<Ticket>
  /** As an agent: gives its ticket back to the queue untouched (a worker stopping early). */
  releaseWork(ref: string, reason: string): Promise<Ticket>

  /**
   * Asks the configured LLM to break an epic (or a task) down, and creates the tickets it
   * proposes as children, checked by the hierarchy rules, in one transaction.
   */
  analyse(ref: string): Promise<AnalyseResult>
  /** The same for a story: top-level tickets in its project, each linked to the story. */
  analyseStory(id: number): Promise<AnalyseResult>
  /** Whether chat is on and its limits; anyone signed in may read them. */
  chatSettings(): Promise<ChatSettings>
  /** Admin only: turns chat on or off and sets its limits. */
  setChatSettings(patch: Partial<ChatSettings>): Promise<ChatSettings>

  /**
   * Asks the configured LLM to break `ref` down, as `analyse` does, but creates nothing: the
   * checked proposal, for a person to edit and then create with `addBreakdown`.
   */
  proposeBreakdown(ref: string): Promise<Breakdown>
  /** Creates a proposed breakdown as children of `ref` (what `analyse` does after the LLM). */
  addBreakdown(ref: string, breakdown: Breakdown): Promise<AnalyseResult>
}
