import type { ProjectRole } from './access.ts'
import { invalid } from './errors.ts'

export const PROJECT_STATUSES = ['open', 'closed'] as const
export type ProjectStatus = (typeof PROJECT_STATUSES)[number]
export const VISIBILITIES = ['public', 'private'] as const
export type Visibility = (typeof VISIBILITIES)[number]

const PREFIX = /^[A-Z]{2,5}$/

// domain.md "Projects": 2 to 5 upper-case ASCII letters.
export function normalisePrefix(input: string): string {
  const p = input.trim().toUpperCase()
  if (!PREFIX.test(p))
    throw invalid(
      `project prefix "${input}" must be 2 to 5 letters`,
      'choose a prefix such as CUS or OPS',
    )
  return p
}

export function parseVisibility(input: string): Visibility {
  const v = input.trim().toLowerCase()
  if (v === 'public' || v === 'private') return v
  throw invalid(`invalid visibility "${input}"`, 'use public or private')
}

export function parseProjectStatus(input: string): ProjectStatus {
  const v = input.trim().toLowerCase()
  if (v === 'open' || v === 'closed') return v
  throw invalid(`invalid project status "${input}"`, 'use open or closed')
}

export type Project = {
  readonly id: number
  readonly prefix: string
  readonly title: string
  readonly description: string
  readonly acceptance_criteria: string
  readonly git_repository: string
  readonly git_branch: string
  readonly notes: string
  readonly status: ProjectStatus
  readonly visibility: Visibility
  readonly workflow_id: number | null
  readonly created_by: string
  readonly created_at: string
  readonly updated_at: string
}

/** A project as one caller sees it: with their effective role (admins own every project). */
export type ProjectDetail = Project & { readonly role: ProjectRole }
