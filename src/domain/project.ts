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

const LETTER = /^[A-Za-z]$/
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'

/**
 * The prefix the original derives from a title when none is given (reference api.md §4.4):
 * the initials of its words, topped up with the title's letters to at least 3 (and at most
 * 5), then `X`s: "Customer Portal" → CPCUS, "Tasks" → TTASK, "A" → AAX.
 */
export function derivePrefix(title: string): string {
  const words = title.split(/[^A-Za-z0-9]+/).filter(Boolean)
  let p = words
    .map((w) => w[0]!)
    .filter((c) => LETTER.test(c))
    .join('')
    .toUpperCase()
    .slice(0, 5)
  if (p.length < 3) {
    const letters = [...title]
      .filter((c) => LETTER.test(c))
      .join('')
      .toUpperCase()
    p = (p + letters).slice(0, 5)
  }
  if (p === '') p = 'PRJ'
  return p.padEnd(3, 'X')
}

/**
 * The derived prefix, then others like it for when it is taken. The original appends a
 * digit, which its own key rules then refuse; these stay letters: CPCUS, CPCUA, CPCUB, …
 */
export function prefixCandidates(title: string): string[] {
  const first = derivePrefix(title)
  const base = first.slice(0, 4)
  return [first, ...[...ALPHABET].map((c) => base + c).filter((p) => p !== first)]
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
