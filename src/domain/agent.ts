/** @module Agents: accounts of type `agent` that ask for work and run an LLM on it. */
import type { ClaimStatus } from './claim.ts'
import type { Comment } from './history.ts'
import type { Project } from './project.ts'
import type { Ticket } from './ticket.ts'
import type { User } from './user.ts'

/**
 * domain.md "People": `idle` (created, enabled), `online` (registered), `working` (holds a
 * ticket), `soliciting` (asked and got nothing), `offline` (no heartbeat for a while),
 * `disabled`.
 */
export const AGENT_STATUSES = [
  'idle',
  'online',
  'working',
  'soliciting',
  'offline',
  'disabled',
] as const
export type AgentStatus = (typeof AGENT_STATUSES)[number]

/** The statuses an agent may report about itself in a heartbeat. */
export const REPORTABLE_STATUSES = ['idle', 'online', 'working', 'soliciting'] as const
export type ReportableStatus = (typeof REPORTABLE_STATUSES)[number]

export const isReportableStatus = (s: string): s is ReportableStatus =>
  (REPORTABLE_STATUSES as readonly string[]).includes(s)

/** An agent as listed for admins: the account, and the ticket it works on now, if any. */
export type AgentSummary = User & {
  readonly ticket_key: string | null
  readonly project_prefix: string | null
  readonly lease_expires_at: string | null
}

/** An agent account just created or given a new password: the secret is shown only here. */
export type AgentCredentials = { readonly agent: User; readonly password: string }

export type AgentConfigEntry = {
  readonly key: string
  readonly value: string
  readonly updated_at: string
}

/** The persona a workflow stage names, so the prompt can say whose shoes the LLM is in. */
export type StageRole = {
  readonly name: string
  readonly title: string
  readonly motivation: string
  readonly goals: string
}

/**
 * The answer to "give me work" (reference/api.md §6.4): `NEW` (a ticket just claimed),
 * `CURRENT` (the ticket the agent already holds) or `NONE`; `claim` is the underlying claim
 * outcome (`AVAILABLE` for a dry run), with the ticket's context for the prompt.
 */
export type AgentWork = {
  readonly status: 'NEW' | 'CURRENT' | 'NONE'
  readonly claim: ClaimStatus
  readonly reason?: string
  readonly ticket: Ticket | null
  readonly project: Project | null
  /** Nearest first. */
  readonly parents: readonly Ticket[]
  /** Oldest first. */
  readonly comments: readonly Comment[]
  readonly workflow: { readonly stages: readonly string[] } | null
  readonly role: StageRole | null
  readonly lease_expires_at: string | null
  readonly config: Readonly<Record<string, string>>
}

export const AGENT_OUTCOMES = ['success', 'fail'] as const
export type AgentOutcome = (typeof AGENT_OUTCOMES)[number]

/** What an agent reports when it finishes a run on its ticket. */
export type AgentReport = {
  readonly outcome: AgentOutcome
  /** The LLM's output; recorded as a comment. */
  readonly result: string
  /** Why the run failed (exit status, timeout, …); required when `outcome` is `fail`. */
  readonly reason?: string
  readonly started_at?: string
  readonly ended_at?: string
  /** Wall time of the run in milliseconds. */
  readonly wall_ms?: number
  readonly exit_code?: number | null
}

/** Where a ticket goes when its lease lapses: back to the queue, or `fail` after too many tries. */
export function afterLapse(attempts: number, maxAttempts: number): 'idle' | 'fail' {
  return attempts >= maxAttempts ? 'fail' : 'idle'
}

/** Whole minutes for a time entry: at least one, so every run shows up in the totals. */
export const wallMinutes = (ms: number): number => Math.max(1, Math.ceil(ms / 60_000))

/** How the server times agents out; shortened by tests (docs/agents.md "Leases"). */
export type AgentSettings = {
  /** An agent without a heartbeat for this long is `offline`. */
  readonly offlineAfterMs: number
  /** A claim lasts this long past the agent's last heartbeat. */
  readonly leaseMs: number
  /** After this many lapsed or failed runs a ticket stays `fail` for a person to look at. */
  readonly maxAttempts: number
  /** How often the reaper looks for lapsed leases and silent agents. */
  readonly reapEveryMs: number
}

export const DEFAULT_AGENT_SETTINGS: AgentSettings = {
  offlineAfterMs: 10 * 60_000,
  leaseMs: 10 * 60_000,
  maxAttempts: 3,
  reapEveryMs: 60_000,
}

/** Asks an LLM one question and returns its answer (the server and CLI decide which LLM). */
export type AskLlm = (prompt: string) => Promise<string>

/** The chat channel's settings (api.md "Chat"): off until an admin turns it on. */
export type ChatSettings = {
  readonly chat_enabled: boolean
  /** LLM processes running at once, across every connection. */
  readonly chat_max_connections: number
  /** How long one conversation may last, counted from the connection. */
  readonly chat_max_duration_seconds: number
}

export const DEFAULT_CHAT_SETTINGS: ChatSettings = {
  chat_enabled: false,
  chat_max_connections: 5,
  chat_max_duration_seconds: 300,
}
