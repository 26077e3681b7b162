import type { Generated } from 'kysely'
import type { ProjectRole } from '../domain/access.ts'
import type { AgentStatus } from '../domain/agent.ts'
import type { State } from '../domain/lifecycle.ts'
import type { ProjectStatus, Visibility } from '../domain/project.ts'
import type { ReviewStatus } from '../domain/requirement.ts'
import type { StoryStatus } from '../domain/story.ts'
import type { TeamRole } from '../domain/team.ts'
import type { TicketType } from '../domain/ticket.ts'
import type { UserRole, UserType } from '../domain/user.ts'

/**
 * Table shapes, snake_case as on the wire. Booleans are stored as 0/1 integers. A column that
 * holds one of a closed set has the domain's type: every write is checked by the compiler, and
 * rows need no cast on the way out.
 */
export type Database = {
  users: UsersTable
  sessions: SessionsTable
  rate_limits: RateLimitsTable
  settings: SettingsTable
  roles: RolesTable
  workflows: WorkflowsTable
  workflow_stages: WorkflowStagesTable
  projects: ProjectsTable
  project_members: ProjectMembersTable
  tickets: TicketsTable
  comments: CommentsTable
  history: HistoryTable
  dependencies: DependenciesTable
  labels: LabelsTable
  ticket_labels: TicketLabelsTable
  time_entries: TimeEntriesTable
  // Organisation and planning (migration 0003).
  teams: TeamsTable
  team_members: TeamMembersTable
  team_agents: TeamAgentsTable
  project_teams: ProjectTeamsTable
  stories: StoriesTable
  story_tickets: StoryTicketsTable
  agent_config: AgentConfigTable
  ticket_counts: TicketCountsTable
}

export type UsersTable = {
  id: string
  username: string
  display_name: string
  /** What the account is for; agents show it to admins. */
  description: Generated<string>
  email: string
  role: UserRole
  enabled: number
  user_type: UserType
  status: AgentStatus
  last_seen: string | null
  password_hash: string
  created_at: string
  updated_at: string
}

export type SessionsTable = {
  token_hash: string
  user_id: string
  created_at: string
  expires_at: string
}

export type RateLimitsTable = {
  key: string
  window_start: number
  hits: number
}

export type SettingsTable = { key: string; value: string }

export type RolesTable = {
  id: Generated<number>
  name: string
  title: string
  motivation: string
  goals: string
  created_at: string
}

export type WorkflowsTable = {
  id: Generated<number>
  name: string
  description: string
  created_at: string
}

export type WorkflowStagesTable = {
  id: Generated<number>
  workflow_id: number
  position: number
  name: string
  description: string
  role_id: number | null
}

export type ProjectsTable = {
  id: Generated<number>
  prefix: string
  title: string
  description: string
  acceptance_criteria: string
  git_repository: string
  git_branch: string
  notes: string
  status: ProjectStatus
  visibility: Visibility
  workflow_id: number | null
  next_seq: number
  created_by: string
  created_at: string
  updated_at: string
}

export type ProjectMembersTable = {
  project_id: number
  user_id: string
  role: ProjectRole
  created_at: string
}

export type TicketsTable = {
  id: Generated<number>
  project_id: number
  seq: number
  key: string
  type: TicketType
  title: string
  description: string
  acceptance_criteria: string
  git_repository: string
  git_branch: string
  parent_id: number | null
  clone_of_id: number | null
  workflow_id: number | null
  stage: string
  state: State
  priority: number
  sort_order: number
  estimate_effort: number
  estimate_complete: string | null
  health_score: number | null
  assignee: string | null
  open: number
  archived: number
  ready: number
  review_status: ReviewStatus | null
  attempts: number
  /** While an agent holds the ticket: when its claim lapses unless a heartbeat renews it. */
  lease_expires_at: Generated<string | null>
  created_by: string
  created_at: string
  updated_at: string
}

export type CommentsTable = {
  id: Generated<number>
  ticket_id: number
  author: string
  text: string
  created_at: string
}

export type HistoryTable = {
  id: Generated<number>
  project_id: number | null
  ticket_id: number | null
  ticket_key: string | null
  event_type: string
  actor: string
  payload: string
  created_at: string
}

export type DependenciesTable = {
  ticket_id: number
  depends_on_id: number
  created_by: string
  created_at: string
}

export type LabelsTable = {
  id: Generated<number>
  project_id: number
  name: string
  color: string
  created_at: string
}

export type TicketLabelsTable = { ticket_id: number; label_id: number }

/** Tickets per group, kept by triggers (src/store/ticket-counts.ts); never written by code. */
export type TicketCountsTable = {
  project_id: number
  archived: number
  open: number
  type: TicketType
  stage: string
  state: State
  n: number
}

export type TimeEntriesTable = {
  id: Generated<number>
  ticket_id: number
  user: string
  minutes: number
  note: string
  created_at: string
}

export type TeamsTable = {
  id: Generated<number>
  name: string
  description: string
  parent_id: number | null
  created_at: string
  updated_at: string
}

export type TeamMembersTable = {
  team_id: number
  user_id: string
  role: TeamRole
  job_title: string
  created_at: string
}

export type TeamAgentsTable = { team_id: number; user_id: string; created_at: string }

export type ProjectTeamsTable = {
  project_id: number
  team_id: number
  role: ProjectRole
  created_at: string
}

export type StoriesTable = {
  id: Generated<number>
  project_id: number
  title: string
  description: string
  status: StoryStatus
  created_by: string
  created_at: string
  updated_at: string
}

export type StoryTicketsTable = { story_id: number; ticket_id: number; created_at: string }
export type AgentConfigTable = {
  user_id: string
  key: string
  value: string
  updated_at: string
}
