/** @module "Did you mean …?" for mistyped commands and flags. */

/**
 * Damerau–Levenshtein distance (optimal string alignment): insertions, deletions,
 * substitutions and swaps of two adjacent letters each cost 1, so `agnet` is 1 from `agent`.
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1)
      d[i]![j] = best
    }
  return d[a.length]![b.length]!
}

/**
 * The candidates closest to `word`, best first (at most `limit`): within a third of the word's
 * length in edits (at least one), or one a prefix of the other (`proj` → project,
 * `parent_id` → parent). Case, `_` and `-` do not count.
 */
export function nearest(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const norm = (s: string) => s.toLowerCase().replaceAll('_', '-')
  const w = norm(word)
  const allowed = Math.max(1, Math.floor(w.length / 3))
  const scored: { name: string; score: number }[] = []
  for (const name of new Set(candidates)) {
    const c = norm(name)
    const prefix = (w.length >= 3 && c.startsWith(w)) || (c.length >= 3 && w.startsWith(c))
    const dist = editDistance(w, c)
    if (dist <= allowed || prefix) scored.push({ name, score: prefix ? Math.min(dist, 1) : dist })
  }
  return scored
    .sort((x, y) => x.score - y.score)
    .slice(0, limit)
    .map((s) => s.name)
}
