import type { ProjectRole } from './access.ts'
import type { AgentOutcome } from './agent.ts'
import type { Stage, State } from './lifecycle.ts'
import type { ReviewDecision, ReviewStatus } from './requirement.ts'
import type { StoryStatus } from './story.ts'
import type { TeamRole } from './team.ts'
import type { TicketType } from './ticket.ts'
import type { UserRole, UserType } from './user.ts'

/** The old and new value of one changed field, as `ticket_updated` records it. */
export type FieldChange = { readonly old: unknown; readonly new: unknown }

type Changes = Readonly<Record<string, FieldChange>>
type Nothing = Readonly<Record<string, never>>
type Move<T> = { readonly old: T; readonly new: T }
type Named = { readonly name: string }
type OfUser = { readonly username: string }
type OfStory = { readonly story_id: number; readonly title: string }
type OfLabel = { readonly label: string }
type OfTeamAgent = { readonly team: string; readonly agent: string }
type OfProject = { readonly prefix: string; readonly title: string }

/**
 * What each kind of history event records, by its `event_type`. A new kind is added here; the
 * compiler then names the recorder's callers and `describeEvent`.
 */
export type HistoryPayloads = {
  readonly ticket_created: {
    readonly type: TicketType
    readonly title: string
    readonly status: string
    readonly parent: string | null
    readonly assignee: string | null
    /** Set when the ticket came from an LLM's breakdown (`tk analyse`). */
    readonly source?: 'analyse'
    readonly clone_of?: string
    readonly curated_from?: readonly string[]
  }
  readonly ticket_updated: { readonly changes: Changes }
  readonly ticket_deleted: { readonly type: TicketType; readonly title: string }
  readonly ticket_opened: Nothing
  readonly ticket_closed: Nothing
  readonly ticket_archived: Nothing
  readonly ticket_unarchived: Nothing
  readonly ticket_marked_ready: Nothing
  readonly ticket_marked_not_ready: Nothing
  readonly ticket_stage_changed: Move<Stage> & { readonly reason?: string }
  readonly ticket_state_changed: Move<State> & { readonly stage: Stage; readonly reason?: string }
  readonly ticket_parent_stage_changed: Move<Stage>
  readonly ticket_parent_state_changed: Move<State>
  readonly ticket_assigned: Move<string | null>
  readonly ticket_unassigned: Move<string | null>
  readonly ticket_attached: { readonly old: string | null; readonly new: string }
  readonly ticket_detached: { readonly old: string | null; readonly new: null }
  readonly ticket_claimed: Nothing
  readonly ticket_requeued: {
    readonly agent: string | null
    readonly reason: string
    readonly attempts: number
    readonly state: State
  }
  readonly ticket_cloned: { readonly clone: string }
  /** `old` is the workflow's id, `new` its name (null: the project's workflow). */
  readonly ticket_workflow_changed: { readonly old: number | null; readonly new: string | null }
  readonly dependency_added: { readonly depends_on: string }
  readonly dependency_removed: { readonly depends_on: string }
  readonly dependency_override: { readonly blockers: readonly string[] }
  readonly comment_added: { readonly comment_id: number }
  readonly time_logged: {
    readonly time_entry_id: number
    readonly minutes: number
    readonly note: string
  }
  readonly time_deleted: {
    readonly time_entry_id: number
    readonly minutes: number
    readonly user: string
  }
  readonly label_added: OfLabel
  readonly label_removed: OfLabel
  readonly label_created: OfLabel & { readonly color: string }
  readonly label_updated: OfLabel & { readonly changes: Changes }
  readonly label_deleted: OfLabel & { readonly removed_from: readonly string[] }
  readonly story_created: OfStory
  readonly story_updated: {
    readonly story_id: number
    readonly fields: readonly string[]
    readonly old_status?: StoryStatus
    readonly new_status?: StoryStatus
  }
  readonly story_deleted: OfStory
  readonly story_linked: OfStory
  readonly story_unlinked: OfStory
  readonly requirement_reviewed: {
    readonly old: ReviewStatus
    readonly new: ReviewDecision
    readonly reason?: string
  }
  readonly curated_into: { readonly requirement: string }
  readonly agent_run: {
    readonly agent: string
    readonly outcome: AgentOutcome
    readonly reason?: string
    readonly started_at: string | null
    readonly ended_at: string
    readonly wall_ms: number
    readonly exit_code: number | null
  }
  readonly project_created: OfProject
  readonly project_updated: { readonly changes: Changes }
  readonly project_deleted: OfProject
  /** `old` is the member's role before, null when they were not a member. */
  readonly project_member_added: OfUser & {
    readonly role: ProjectRole
    readonly old: ProjectRole | null
  }
  readonly project_member_removed: OfUser & { readonly role: ProjectRole }
  readonly project_team_added: { readonly team: string; readonly role: ProjectRole }
  readonly project_team_removed: { readonly team: string }
  /** `old` is the workflow's id, `new` its name (null: the default workflow). */
  readonly project_workflow_changed: {
    readonly old: number | null
    readonly new: string | null
    readonly moved: number
  }
  readonly role_created: Named
  readonly role_updated: Named & { readonly fields: readonly string[] }
  readonly role_deleted: Named & { readonly cleared_from: readonly string[] }
  readonly team_created: Named
  readonly team_updated: { readonly team: string; readonly fields: readonly string[] }
  readonly team_deleted: Named
  readonly team_member_added: OfUser & { readonly team: string; readonly role: TeamRole }
  readonly team_member_removed: OfUser & { readonly team: string }
  readonly team_agent_added: OfTeamAgent
  readonly team_agent_removed: OfTeamAgent
  readonly user_created: OfUser & { readonly role: UserRole; readonly user_type: UserType }
  readonly user_enabled: OfUser
  readonly user_disabled: OfUser
  readonly user_password_reset: OfUser
  readonly user_deleted: OfUser
  readonly workflow_created: Named & { readonly stages: readonly string[] }
  readonly workflow_deleted: Named
  readonly workflow_stage_added: {
    readonly workflow: string
    readonly stage: string
    readonly position: number
  }
  readonly workflow_stage_removed: { readonly workflow: string; readonly stage: string }
  readonly workflow_stages_reordered: {
    readonly workflow: string
    readonly stages: readonly string[]
  }
}

export type HistoryEventType = keyof HistoryPayloads

/** One kind of change with its payload: the union the recorder accepts and readers switch on. */
export type HistoryChange = {
  readonly [K in HistoryEventType]: { readonly event_type: K; readonly payload: HistoryPayloads[K] }
}[HistoryEventType]

/** One append-only record of a change (domain.md "Comments, labels, time, history"). */
export type HistoryEvent = {
  readonly id: number
  readonly project_id: number | null
  readonly ticket_id: number | null
  readonly ticket_key: string | null
  readonly actor: string
  /** The agent's name, when the actor is an agent (its username is a UUID). */
  readonly actor_name?: string
  /**
   * Agents' names for the usernames the payload mentions (`assigned to …`), by username;
   * absent when it mentions no agent.
   */
  readonly names?: Readonly<Record<string, string>>
  readonly created_at: string
} & HistoryChange

export type Comment = {
  readonly id: number
  readonly ticket_id: number
  readonly ticket_key: string
  readonly author: string
  /** The agent's name, when the author is an agent (its username is a UUID). */
  readonly author_name?: string
  readonly text: string
  readonly created_at: string
}

/** A comment or a history event, in time order (`tk conversation show`). */
export type ConversationEntry =
  | ({ readonly kind: 'comment' } & Comment)
  | ({ readonly kind: 'event' } & HistoryEvent)
