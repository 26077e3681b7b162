import type { ProjectRole } from './access.ts'
import type { AgentStatus } from './agent.ts'
import { invalid } from './errors.ts'

export const TEAM_ROLES = ['member', 'owner'] as const
export type TeamRole = (typeof TEAM_ROLES)[number]

export function parseTeamRole(input: string): TeamRole {
  const r = input.trim().toLowerCase()
  if (r === 'member' || r === 'owner') return r
  throw invalid(`invalid team role "${input}"`, 'use member or owner')
}

export type Team = {
  readonly id: number
  readonly name: string
  readonly description: string
  /** The parent team's id, or null for a top-level team. */
  readonly parent_id: number | null
  readonly parent_name: string | null
  readonly created_at: string
  readonly updated_at: string
}

export type TeamMember = {
  readonly team_id: number
  readonly user_id: string
  readonly username: string
  readonly role: TeamRole
  readonly job_title: string
  readonly created_at: string
}

export type TeamAgent = {
  readonly team_id: number
  readonly user_id: string
  readonly username: string
  readonly created_at: string
  /** The original's names (reference/api.md §4.3 TeamAgent): `user_id` and `username` again. */
  readonly agent_id: string
  readonly agent_uuid: string
  readonly enabled: boolean
  readonly status: AgentStatus
}

/** A team with everything attached to it, as `tk team get` shows it. */
export type TeamDetail = Team & {
  readonly members: readonly TeamMember[]
  readonly agents: readonly TeamAgent[]
  readonly children: readonly Team[]
  readonly projects: readonly { readonly prefix: string; readonly role: ProjectRole }[]
}

/**
 * Would making `parentId` the parent of `teamId` close a loop? `parentOf` answers each team's
 * current parent; the walk is bounded so corrupt data cannot make it spin.
 */
export function wouldCycle(
  teamId: number,
  parentId: number,
  parentOf: ReadonlyMap<number, number | null>,
): boolean {
  let current: number | null = parentId
  for (let steps = 0; current !== null && steps <= parentOf.size; steps++) {
    if (current === teamId) return true
    current = parentOf.get(current) ?? null
  }
  return false
}
