/** Relative time for people: `just now`, `5m ago`, `3h ago`, `2d ago`, then the date. */
export function ago(iso: string, now: Date): string {
  const s = (now.getTime() - new Date(iso).getTime()) / 1000
  if (s < 120) return 'just now'
  if (s < 3600) return `${Math.floor(s / 60)}m ago`
  if (s < 86_400) return `${Math.floor(s / 3600)}h ago`
  if (s < 7 * 86_400) return `${Math.floor(s / 86_400)}d ago`
  return iso.slice(0, 10)
}

/** `1h 30m`, `45m`. */
export function formatMinutes(total: number): string {
  const h = Math.floor(total / 60)
  const m = total % 60
  return h > 0 ? (m > 0 ? `${h}h ${m}m` : `${h}h`) : `${m}m`
}

/** `1 ticket`, `2 tickets`. */
export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n} ${n === 1 ? one : many}`
