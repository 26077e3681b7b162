import { invalid } from './errors.ts'

/**
 * A display name for a role or team: trimmed, single-spaced, 1 to 64 characters, and not all
 * digits, because a number on the command line means an id.
 */
export function normaliseName(input: string, what: string, example: string): string {
  const name = input.replace(/\s+/g, ' ').trim()
  if (name === '') throw invalid(`${what} name is required`, `e.g. -name "${example}"`)
  if (name.length > 64) throw invalid(`${what} name is longer than 64 characters`)
  if (/^\d+$/.test(name))
    throw invalid(`${what} name "${name}" is a number`, 'numbers name ids; include a letter')
  return name
}

/** `42` → an id; anything else → a name (matched without regard to letter case). */
export const parseRef = (ref: string): { id: number } | { name: string } => {
  const r = ref.trim()
  return /^\d+$/.test(r) ? { id: Number(r) } : { name: r }
}
