/** @module How both dialects choose the best matches of a search (decision 0033). */
import { sql } from 'kysely'
import type { SearchScope } from './store.ts'

/**
 * A limited search ranks at most this many matches: the newest ones that pass the filters.
 * Ranking is O(ranked), so a word in every one of 1,000,000 tickets costs the same as a
 * word in 5,000 of them; below this many matches, every match is ranked.
 */
export const SEARCH_CANDIDATES = 5000

/**
 * Ranks the newest `SEARCH_CANDIDATES` matches that pass the scope, best first, at most `take`.
 * `whole`: each word matches only as a whole (stemmed) word; otherwise also as a prefix.
 */
export type RankMatches = (whole: boolean, take: number) => Promise<number[]>

/**
 * The best `scope.limit` matches: tickets with every word as a whole word first; only when
 * they are fewer than the limit, the tickets where a word is the start of a longer one follow.
 * (With limit 0 the caller returns every match, prefixes included, and ranks them all.)
 */
export async function bestMatches(scope: SearchScope, rank: RankMatches): Promise<number[]> {
  const whole = await rank(true, scope.limit)
  if (whole.length >= scope.limit) return whole
  const seen = new Set(whole)
  const more = await rank(false, scope.limit + whole.length)
  return [...whole, ...more.filter((id) => !seen.has(id))].slice(0, scope.limit)
}

/**
 * The scope's filters on `t` (the tickets table), the same SQL in both dialects, appended
 * after each dialect's own match condition.
 */
export function scopeFilter(scope: SearchScope) {
  const project = scope.projectId === undefined ? sql`` : sql`AND t.project_id = ${scope.projectId}`
  const visible = scope.archived
    ? sql``
    : scope.closed
      ? sql`AND t.archived = 0`
      : sql`AND t.archived = 0 AND t.open = 1`
  const within = scope.within ? sql`AND t.id IN (${scope.within})` : sql``
  return sql`${project} ${visible} ${within}`
}

/**
 * The ids of `group_concat(id, ',')` (every match of an unlimited search, in order), read
 * without making a string per id: a million matches cost one 8 MB array, not a million rows.
 */
export function parseIdList(text: string | null): number[] {
  const ids: number[] = []
  if (text === null || text === '') return ids
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 44) {
      ids.push(n)
      n = 0
    } else n = n * 10 + (c - 48)
  }
  ids.push(n)
  return ids
}
