import { invalid } from './errors.ts'

/** api.md "Authorisation": viewer reads, editor writes tickets, owner manages the project. */
export const PROJECT_ROLES = ['viewer', 'editor', 'owner'] as const
export type ProjectRole = (typeof PROJECT_ROLES)[number]

export function parseProjectRole(input: string): ProjectRole {
  const r = input.trim().toLowerCase()
  if ((PROJECT_ROLES as readonly string[]).includes(r)) return r as ProjectRole
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
