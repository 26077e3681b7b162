import { invalid } from './errors.ts'

/** Minutes someone spent on a ticket (domain.md "Comments, labels, time, history"). */
export type TimeEntry = {
  readonly id: number
  readonly ticket_key: string
  readonly user: string
  readonly minutes: number
  readonly note: string
  readonly created_at: string
}

export type TimeTotal = {
  readonly ticket_key: string
  readonly minutes: number
  /** The same as `minutes`, under the original's name (reference/api.md §1.10). */
  readonly total: number
  readonly entries: number
  /** Minutes per user, largest first. */
  readonly by_user: readonly { readonly user: string; readonly minutes: number }[]
}

/** A day and a half of work is already a lot for one entry; a week is certainly a typo. */
export const MAX_ENTRY_MINUTES = 7 * 24 * 60

export function parseMinutes(input: number | string): number {
  const n = typeof input === 'number' ? input : Number(String(input).trim())
  if (!Number.isInteger(n) || n <= 0)
    throw invalid(
      `invalid minutes "${input}"`,
      'minutes is a whole number greater than 0, e.g. -m 30',
    )
  if (n > MAX_ENTRY_MINUTES)
    throw invalid(`${n} minutes is more than a week`, 'log long work as several entries')
  return n
}

export const MAX_TIME_NOTE = 2000
