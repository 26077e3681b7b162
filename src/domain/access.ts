import type { Visibility } from './project.ts'
import type { UserRole } from './user.ts'

export const PROJECT_ROLES = ['viewer', 'editor', 'owner'] as const
export type ProjectRole = (typeof PROJECT_ROLES)[number]
export const isProjectRole = (s: string): s is ProjectRole =>
  (PROJECT_ROLES as readonly string[]).includes(s)

/** What an operation asks of the caller's project role (docs/authorisation.md). */
export type Access = 'read' | 'write' | 'manage'

const RANK: Record<ProjectRole, number> = { viewer: 1, editor: 2, owner: 3 }
const NEEDS: Record<Access, number> = { read: 1, write: 2, manage: 3 }

/**
 * api.md "Authorisation": an admin is owner everywhere; a direct membership gives its role;
 * a public project gives every signed-in user `viewer`; otherwise the caller has no role.
 */
export function effectiveRole(input: {
  readonly userRole: UserRole
  readonly member: ProjectRole | null
  readonly visibility: Visibility
}): ProjectRole | null {
  if (input.userRole === 'admin') return 'owner'
  if (input.member) return input.member
  return input.visibility === 'public' ? 'viewer' : null
}

export const allows = (role: ProjectRole | null, access: Access): boolean =>
  role !== null && RANK[role] >= NEEDS[access]
