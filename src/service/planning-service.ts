/** @module The part of `TicketService` for planning records: stories and requirements. */
import type { ReviewDecision, ReviewStatus } from '../domain/requirement.ts'
import type { Story, StoryDetail, StoryStatus } from '../domain/story.ts'
import type { Ticket } from '../domain/ticket.ts'

export type NewStory = {
  readonly project: string
  readonly title: string
  readonly description?: string
}

export type StoryPatch = Partial<{
  readonly title: string
  readonly description: string
  /** Moves along draft → ready_for_review → accepted → done (domain/story.ts). */
  readonly status: StoryStatus
}>

export type ReviewInput = {
  readonly decision: ReviewDecision
  /** Why; kept as a comment on the requirement. */
  readonly reason?: string
  /** With `revised`: the reworked fields. */
  readonly title?: string
  readonly description?: string
  readonly acceptance_criteria?: string
}

export type CurateInput = {
  /** The tickets the requirement is distilled from; all in one project. */
  readonly sources: readonly string[]
  /** Defaults to the first source's title. */
  readonly title?: string
  readonly description?: string
  readonly acceptance_criteria?: string
}

export interface PlanningService {
  /** A story in `draft`. */
  createStory(input: NewStory): Promise<Story>
  /** A project's stories, newest first. */
  listStories(filter: { readonly project: string; readonly status?: StoryStatus }): Promise<Story[]>
  getStory(id: number): Promise<StoryDetail>
  updateStory(id: number, patch: StoryPatch): Promise<Story>
  /** Removes the story and its links; the linked tickets stay. */
  deleteStory(id: number): Promise<void>
  /** Links a ticket of the story's project (linking twice changes nothing). */
  linkStory(id: number, ticket: string): Promise<StoryDetail>
  unlinkStory(id: number, ticket: string): Promise<StoryDetail>

  /** A project's requirements (open, unarchived), oldest first, optionally by review status. */
  listRequirements(filter: {
    readonly project: string
    readonly review_status?: ReviewStatus
  }): Promise<Ticket[]>
  /**
   * Accept (completes the requirement's current stage, e.g. design → develop), reject (state
   * fail) or revise (rework fields; a failed state returns to idle). Recorded in history.
   */
  reviewRequirement(ref: string, input: ReviewInput): Promise<Ticket>
  /**
   * A new requirement distilled from existing tickets, in their project; its description lists
   * the sources and history links both ways. One transaction.
   */
  curateRequirement(input: CurateInput): Promise<Ticket>
}
