/** @module Recently used projects, newest first, kept in this browser only. */

const KEY = 'tk-recent-projects'
const MAX = 5

export function recentProjects(): string[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]')
    return Array.isArray(v) ? v.filter((p): p is string => typeof p === 'string') : []
  } catch {
    return []
  }
}

export function rememberProject(prefix: string): void {
  const next = [prefix, ...recentProjects().filter((p) => p !== prefix)].slice(0, MAX)
  try {
    localStorage.setItem(KEY, JSON.stringify(next))
  } catch {
    // Storage can be blocked; the list then stays in its usual order.
  }
}
