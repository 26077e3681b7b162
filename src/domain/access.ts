import { invalid } from './errors.ts'
import { isOneOf } from './one-of.ts'

/** api.md "Authorisation": viewer reads, editor writes tickets, owner manages the project. */
export const PROJECT_ROLES = ['viewer', 'editor', 'owner'] as const
export type ProjectRole = (typeof PROJECT_ROLES)[number]

export function parseProjectRole(input: string): ProjectRole {
  const r = input.trim().toLowerCase()
  if (isOneOf(PROJECT_ROLES, r)) return r
  throw invalid(`invalid project role "${input}"`, 'use viewer, editor or owner')
}

export const roleRank = (r: ProjectRole | null): number =>
  r === null ? -1 : PROJECT_ROLES.indexOf(r)

/** The stronger of two roles (a user may hold one directly and another through a team). */
export const strongest = (a: ProjectRole | null, b: ProjectRole | null): ProjectRole | null =>
  roleRank(a) >= roleRank(b) ? a : b

export type ProjectMember = {
  readonly project_id: number
  readonly user_id: string
  readonly username: string
  readonly role: ProjectRole
  readonly created_at: string
}

export type ProjectTeam = {
  readonly project_id: number
  readonly team_id: number
  readonly team_name: string
  readonly role: ProjectRole
  readonly created_at: string
}

/** What an operation asks of the caller's project role (docs/authorisation.md). */
export type Access = 'read' | 'write' | 'manage'

const NEEDS: Record<Access, ProjectRole> = { read: 'viewer', write: 'editor', manage: 'owner' }

export const allows = (role: ProjectRole | null, access: Access): boolean =>
  role !== null && roleRank(role) >= roleRank(NEEDS[access])

/**
 * api.md "Authorisation": an admin is owner everywhere; a direct membership gives its role
 * (even when a team gives more); else the strongest role of the user's teams; else `viewer`
 * on a public project; otherwise no role at all.
 */
export function effectiveRole(input: {
  readonly admin: boolean
  readonly member: ProjectRole | null
  readonly team: ProjectRole | null
  readonly visibility: string
}): ProjectRole | null {
  if (input.admin) return 'owner'
  if (input.member) return input.member
  if (input.team) return input.team
  return input.visibility === 'public' ? 'viewer' : null
}
