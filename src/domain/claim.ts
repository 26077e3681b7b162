import { conflict, type TicketError } from './errors.ts'
import type { Stage } from './lifecycle.ts'

/** What a claimant sees: which of the reference's four outcomes happened. */
export const CLAIM_STATUSES = ['ASSIGNED', 'AVAILABLE', 'NO-WORK', 'REJECTED'] as const
export type ClaimStatus = (typeof CLAIM_STATUSES)[number]

/** The fields claim order and eligibility read. */
export type ClaimCandidate = {
  readonly id: number
  readonly priority: number
  readonly created_at: string
}

// domain.md "Assignment and claim": highest priority (lowest number) first, then oldest, then key.
export function compareClaimOrder(a: ClaimCandidate, b: ClaimCandidate): number {
  if (a.priority !== b.priority) return a.priority - b.priority
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? -1 : 1
  return a.id - b.id
}

/**
 * The stage automatic claims take work from: `develop` in the default workflow; in a custom
 * workflow without a `develop` stage, its first stage.
 */
export const workStage = (stages: readonly Stage[]): Stage =>
  stages.includes('develop') ? 'develop' : stages[0]!

export type ClaimCheck = {
  readonly hasChildren: boolean
  readonly open: boolean
  readonly archived: boolean
  readonly projectOpen: boolean
  readonly finalStage: boolean
  readonly assignee: string | null
  readonly blockers: readonly string[]
}

/** Why `actor` may not claim a ticket by key, or undefined when the claim is allowed. */
export function claimRefusal(t: ClaimCheck, actor: string): string | undefined {
  if (t.hasChildren) return 'ticket has children; claim one of its leaf tickets instead'
  if (!t.projectOpen) return 'the project is closed'
  if (!t.open) return 'ticket is closed'
  if (t.archived) return 'ticket is archived'
  if (t.finalStage) return 'ticket is already in its final stage'
  if (t.assignee !== null && t.assignee !== actor) return `ticket is assigned to ${t.assignee}`
  if (t.blockers.length > 0) return `ticket is blocked by ${t.blockers.join(', ')}`
  return undefined
}

/** A refused claim is an error like any other, worded once for the CLI and `tk mcp`. */
export const refusedClaim = (key: string, reason: string | undefined): TicketError =>
  conflict(
    `cannot claim ${key}: ${reason ?? 'refused'}`,
    'see what can be claimed now with: tk next',
  )

/** Counts in a NO-WORK answer stop here: enough to act on, cheap at any size. */
export const NO_WORK_COUNT_CAP = 1000

/** The open leaves the queue passed over, by the first thing in the way. */
export type NoWorkCounts = {
  /** Idle and unassigned but not marked ready (`tk ready KEY`). */
  readonly not_ready: number
  /** Ready but idle in a stage other than the work stage (e.g. `design`; `tk stage KEY develop`). */
  readonly not_in_work_stage: number
  /** Ready at the work stage but waiting for unfinished dependencies. */
  readonly blocked: number
  /** Ready at the work stage but held by someone. */
  readonly assigned: number
}

const plural = (n: number, one: string, many: string) =>
  `${n >= NO_WORK_COUNT_CAP ? `${n}+` : n} ${n === 1 ? one : many}`

/** One sentence saying why nothing could be claimed, from the counts. */
export function noWorkReason(c: NoWorkCounts): string {
  const parts = [
    c.not_ready > 0 &&
      `${plural(c.not_ready, 'ticket is', 'tickets are')} not marked ready (tk ready KEY queues one)`,
    c.not_in_work_stage > 0 &&
      `${plural(c.not_in_work_stage, 'ready ticket is', 'ready tickets are')} not at the work stage`,
    c.blocked > 0 &&
      `${plural(c.blocked, 'ready ticket is', 'ready tickets are')} blocked by unfinished dependencies`,
    c.assigned > 0 &&
      `${plural(c.assigned, 'ready ticket is', 'ready tickets are')} held by someone`,
  ].filter((p): p is string => typeof p === 'string')
  return parts.length === 0
    ? 'no open tickets are waiting to be worked on'
    : `nothing is claimable: ${parts.join('; ')}`
}
