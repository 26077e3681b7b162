import { conflict, invalid } from './errors.ts'
import { isOneOf } from './one-of.ts'
import type { Ticket } from './ticket.ts'

/**
 * A user story's review path: written (`draft`), offered for review, accepted for delivery,
 * delivered. Review can send a story back to draft; a delivered story can be reopened.
 */
export const STORY_STATUSES = ['draft', 'ready_for_review', 'accepted', 'done'] as const
export type StoryStatus = (typeof STORY_STATUSES)[number]

const NEXT: Record<StoryStatus, readonly StoryStatus[]> = {
  draft: ['ready_for_review'],
  ready_for_review: ['accepted', 'draft'],
  accepted: ['done', 'draft'],
  done: ['accepted'],
}

export function parseStoryStatus(input: string): StoryStatus {
  const s = input
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
  if (isOneOf(STORY_STATUSES, s)) return s
  throw invalid(`invalid story status "${input}"`, `use one of: ${STORY_STATUSES.join(', ')}`)
}

/** Refuses a jump the review path does not allow, naming the moves that are allowed. */
export function assertStoryMove(from: StoryStatus, to: StoryStatus): void {
  if (from === to || NEXT[from].includes(to)) return
  throw conflict(
    `a story cannot go from ${from} to ${to}`,
    `from ${from} it can go to: ${NEXT[from].join(', ')}`,
  )
}

export type Story = {
  readonly id: number
  readonly project_id: number
  readonly project_prefix: string
  readonly title: string
  readonly description: string
  readonly status: StoryStatus
  /** Keys of the linked tickets, oldest link first. */
  readonly tickets: readonly string[]
  readonly created_by: string
  readonly created_at: string
  readonly updated_at: string
}

/** A story with its linked tickets in full. */
export type StoryDetail = Omit<Story, 'tickets'> & { readonly tickets: readonly Ticket[] }
