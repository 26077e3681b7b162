import { invalid } from './errors.ts'

/** A per-project tag (domain.md "Comments, labels, time, history"). */
export type Label = {
  readonly id: number
  readonly project_id: number
  readonly project_prefix: string
  readonly name: string
  /** A CSS colour name or `#rgb`/`#rrggbb`; empty when none was given. */
  readonly color: string
  /** How many tickets carry it. */
  readonly tickets: number
  readonly created_at: string
}

export const MAX_LABEL_NAME = 50

/**
 * Label names are compared without regard to case (`-label Urgent` finds `urgent`), so they
 * must be unique that way too. Commas are refused because lists of labels are written with them.
 */
export function normaliseLabelName(input: string): string {
  const name = input.replace(/\s+/g, ' ').trim()
  if (name === '') throw invalid('label name is required', 'e.g. tk label create urgent')
  if (name.length > MAX_LABEL_NAME)
    throw invalid(`label name is ${name.length} characters; the limit is ${MAX_LABEL_NAME}`)
  if (name.includes(','))
    throw invalid(`label name "${name}" contains a comma`, 'choose a name without commas')
  return name
}

export function parseColour(input: string): string {
  const c = input.trim().toLowerCase()
  if (c === '' || /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/.test(c) || /^[a-z]{3,20}$/.test(c)) return c
  throw invalid(
    `invalid colour "${input}"`,
    'use a colour name such as red, or a hex code such as #ff8800',
  )
}
