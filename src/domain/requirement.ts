import { conflict, invalid } from './errors.ts'
import { isOneOf } from './one-of.ts'

/** domain.md: a requirement's review status. A requirement not yet reviewed is `proposed`. */
export const REVIEW_STATUSES = ['proposed', 'accepted', 'rejected', 'revised'] as const
export type ReviewStatus = (typeof REVIEW_STATUSES)[number]

export function parseReviewStatus(input: string): ReviewStatus {
  const s = input.trim().toLowerCase()
  if (isOneOf(REVIEW_STATUSES, s)) return s
  throw invalid(`unknown review status "${input}"`, `use one of: ${REVIEW_STATUSES.join(', ')}`)
}

/** The stored column is null until the first review; that reads as `proposed`. */
export const effectiveReviewStatus = (stored: string | null): ReviewStatus =>
  stored === null ? 'proposed' : parseReviewStatus(stored)

export type ReviewDecision = 'accepted' | 'rejected' | 'revised'

/**
 * Accept and reject decide a requirement that is proposed or revised; revise reworks one that
 * is proposed, rejected or revised. An accepted requirement is settled: it is being built, so
 * a change of mind is a new requirement (or `curate`).
 */
export function assertReview(from: ReviewStatus, to: ReviewDecision, key: string): void {
  if (from === 'accepted')
    throw conflict(
      `requirement ${key} is already accepted`,
      `record the change as a new requirement: tk curate ${key}`,
    )
  if (from === 'rejected' && to !== 'revised')
    throw conflict(
      `requirement ${key} was rejected`,
      `revise it first (tk revise ${key} -d "…"), then review it again`,
    )
}
