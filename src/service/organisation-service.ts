/** @module The part of `TicketService` that shapes how a team works: workflows, roles, people. */
import type { ProjectMember, ProjectRole, ProjectTeam } from '../domain/access.ts'
import type { Lifecycle } from '../domain/lifecycle.ts'
import type { Role } from '../domain/role.ts'
import type { Team, TeamAgent, TeamDetail, TeamMember, TeamRole } from '../domain/team.ts'
import type { User, UserRole, UserType } from '../domain/user.ts'
import type { Workflow, WorkflowExport } from '../domain/workflow.ts'

/*
 * References: workflows, roles and teams by numeric id or by name (any letter case); users by
 * username; projects by prefix or id; tickets by key.
 */

export type NewWorkflowStage = {
  readonly name: string
  readonly description?: string
  /** A role's id or name. */
  readonly role?: string
  /** 0-based place among the stages; appended when absent. */
  readonly position?: number
}

export type NewWorkflow = {
  readonly name: string
  readonly description?: string
  readonly stages?: readonly NewWorkflowStage[]
}

/** Whose workflow to set: one ticket's own, or a project's (inherited by its tickets). */
export type WorkflowTarget = { readonly ticket: string } | { readonly project: string }

/** What a change of workflow did: the workflow now in effect and every ticket it moved. */
export type WorkflowChange = {
  readonly target: { readonly kind: 'ticket' | 'project'; readonly ref: string }
  /** The workflow now set on the target; null when it was unset (inheriting again). */
  readonly workflow: Workflow | null
  /** Stages now in effect for the target. */
  readonly stages: readonly string[]
  readonly moved: readonly {
    readonly key: string
    readonly from: Lifecycle
    readonly to: Lifecycle
  }[]
}

export type NewRole = {
  readonly name: string
  readonly title?: string
  readonly motivation?: string
  readonly goals?: string
}

export type RolePatch = Partial<{
  readonly name: string
  readonly title: string
  readonly motivation: string
  readonly goals: string
}>

export type NewUser = {
  readonly username: string
  /** Generated (and returned once) when absent. */
  readonly password?: string
  readonly role?: UserRole
  readonly user_type?: UserType
  readonly display_name?: string
  readonly email?: string
}

/** A user and, when it was generated, the password (shown once, never stored in clear). */
export type UserWithPassword = { readonly user: User; readonly password: string | null }

export type NewTeam = {
  readonly name: string
  readonly description?: string
  /** The parent team's id or name. */
  readonly parent?: string
}

export type TeamPatch = Partial<{
  readonly name: string
  readonly description: string
  /** The parent team's id or name; null makes it a top-level team. */
  readonly parent: string | null
}>

export interface OrganisationService {
  /** Every workflow with its stages, by name. */
  listWorkflows(): Promise<Workflow[]>
  getWorkflow(ref: string): Promise<Workflow>
  /** Admin only. Names are unique (any letter case). */
  createWorkflow(input: NewWorkflow): Promise<Workflow>
  /** Admin only; refused while a project or ticket uses it (the error names them). */
  deleteWorkflow(ref: string): Promise<void>
  /** Admin only. Adding a stage never invalidates a ticket, wherever it goes. */
  addWorkflowStage(ref: string, stage: NewWorkflowStage): Promise<Workflow>
  /**
   * Admin only. Refused while tickets stand in the stage, or when removing the final stage
   * would leave tickets idle or active in the new final stage (the error names them).
   */
  removeWorkflowStage(ref: string, stage: string): Promise<Workflow>
  /** Admin only. `stages` names every stage (or its id) once; refused like removal. */
  reorderWorkflowStages(ref: string, stages: readonly string[]): Promise<Workflow>
  exportWorkflow(ref: string): Promise<WorkflowExport>
  /** Admin only; one transaction. `name` overrides the exported name. */
  importWorkflow(data: WorkflowExport, options?: { readonly name?: string }): Promise<Workflow>
  /**
   * Gives a project or a leaf ticket a workflow; tickets whose stage the new workflow lacks are
   * moved (domain/workflow.ts `mapLifecycle`) and every move is recorded in history.
   */
  setWorkflow(target: WorkflowTarget, workflow: string): Promise<WorkflowChange>
  /** Clears the target's own workflow: a ticket inherits its project's, a project the default. */
  unsetWorkflow(target: WorkflowTarget): Promise<WorkflowChange>

  listRoles(): Promise<Role[]>
  getRole(ref: string): Promise<Role>
  /** Admin only. */
  createRole(input: NewRole): Promise<Role>
  /** Admin only. */
  updateRole(ref: string, patch: RolePatch): Promise<Role>
  /**
   * Admin only. Refused while workflow stages name the role (the error names them), unless
   * `force`, which clears the role from those stages.
   */
  deleteRole(ref: string, options?: { readonly force?: boolean }): Promise<void>

  /** Admin only. People, not agents, by username. */
  listUsers(options?: { readonly include_agents?: boolean }): Promise<User[]>
  /** Admin only. */
  createUser(input: NewUser): Promise<UserWithPassword>
  /** Admin only. Nobody disables themselves or the last enabled admin. */
  setUserEnabled(username: string, enabled: boolean): Promise<User>
  /** Admin only. Ends every session of the user; generates a password when none is given. */
  resetPassword(username: string, password?: string): Promise<UserWithPassword>
  /**
   * Admin only. Removes the user's sessions and memberships; refused for oneself, the last
   * admin, and while tickets are assigned to the user (the error names them).
   */
  deleteUser(username: string): Promise<void>

  /** Every team, by name. */
  listTeams(): Promise<Team[]>
  getTeam(ref: string): Promise<TeamDetail>
  /** Admin only; the creator becomes the team's owner. */
  createTeam(input: NewTeam): Promise<Team>
  /** Admin or team owner. A team never becomes its own ancestor. */
  updateTeam(ref: string, patch: TeamPatch): Promise<Team>
  /**
   * Admin or team owner. Members and agent links go with the team; refused while it has child
   * teams or projects use it (the error names them).
   */
  deleteTeam(ref: string): Promise<void>
  listTeamMembers(team: string): Promise<TeamMember[]>
  /** Admin or team owner. Adding an existing member changes their role and job title. */
  addTeamMember(
    team: string,
    input: { readonly username: string; readonly role?: TeamRole; readonly job_title?: string },
  ): Promise<TeamMember>
  removeTeamMember(team: string, username: string): Promise<void>
  /** Admin or team owner; the user must be an agent. */
  addTeamAgent(team: string, agent: string): Promise<TeamAgent>
  removeTeamAgent(team: string, agent: string): Promise<void>

  /** Project owner or admin. */
  listProjectMembers(project: string): Promise<ProjectMember[]>
  /** Project owner or admin. Adding an existing member changes their role. */
  addProjectMember(
    project: string,
    input: { readonly username: string; readonly role: ProjectRole },
  ): Promise<ProjectMember>
  /** Project owner or admin; the last owner stays. */
  removeProjectMember(project: string, username: string): Promise<void>
  listProjectTeams(project: string): Promise<ProjectTeam[]>
  /** Project owner or admin. Every member of the team (and of its sub-teams) gets `role`. */
  addProjectTeam(
    project: string,
    input: { readonly team: string; readonly role: ProjectRole },
  ): Promise<ProjectTeam>
  removeProjectTeam(project: string, team: string): Promise<void>
}
