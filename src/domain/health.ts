import { invalid } from './errors.ts'

/**
 * Ticket health as the reference computes it (reference/cli.md §7.10): four checks, one point
 * each, so a score from 0 to 4.
 */
export type HealthChecks = {
  /** An epic, or a ticket with a parent. */
  readonly not_an_orphan: boolean
  readonly has_acceptance_criteria: boolean
  /** A comment by a reviewer, or one that says it was reviewed or approved. */
  readonly reviewed_by_reviewer_agent: boolean
  /** Still at the start of its workflow, waiting to be picked up (`design/idle` by default). */
  readonly definition_of_ready: boolean
}

export type HealthReport = {
  readonly ticket_key: string
  readonly score: number
  readonly checks: HealthChecks
}

export const MAX_HEALTH = 4

const REVIEW_WORDS = /reviewer|reviewed|approved|approval/i

export function isReviewComment(c: { readonly author: string; readonly text: string }): boolean {
  return /reviewer/i.test(c.author) || REVIEW_WORDS.test(c.text)
}

export function healthChecks(input: {
  readonly type: string
  readonly parent: string | null
  readonly acceptance_criteria: string
  readonly stage: string
  readonly state: string
  readonly first_stage: string
  readonly comments: readonly { readonly author: string; readonly text: string }[]
}): HealthChecks {
  return {
    not_an_orphan: input.type === 'epic' || input.parent !== null,
    has_acceptance_criteria: input.acceptance_criteria.trim() !== '',
    reviewed_by_reviewer_agent: input.comments.some(isReviewComment),
    definition_of_ready: input.stage === input.first_stage && input.state === 'idle',
  }
}

export const healthScore = (c: HealthChecks): number =>
  Object.values(c).filter((v) => v === true).length

export function parseHealthScore(input: number | string): number {
  const n = typeof input === 'number' ? input : Number(String(input).trim())
  if (!Number.isInteger(n) || n < 0 || n > MAX_HEALTH)
    throw invalid(`invalid health score "${input}"`, `give a whole number from 0 to ${MAX_HEALTH}`)
  return n
}

/** The reference's words for each score (reference/ui.md §1.5: "0 Unknown … 4 Excellent"). */
export const HEALTH_NAMES = ['Unknown', 'Poor', 'Fair', 'Good', 'Excellent'] as const

export const healthName = (score: number): string => HEALTH_NAMES[score] ?? 'Unknown'
