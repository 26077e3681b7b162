import { useSearchParams } from 'wouter'
import type { Ticket } from '../../../../src/domain/ticket.ts'

export type Filters = {
  readonly type: string
  readonly assignee: string
  readonly label: string
  readonly q: string
}

const NAMES = ['type', 'assignee', 'label', 'q'] as const

/** Board and list filters live in the URL, so a filtered view is a link that survives reload. */
export function useFilters(): [Filters, (patch: Partial<Filters>) => void] {
  const [params, setParams] = useSearchParams()
  const filters: Filters = {
    type: params.get('type') ?? '',
    assignee: params.get('assignee') ?? '',
    label: params.get('label') ?? '',
    q: params.get('q') ?? '',
  }
  const set = (patch: Partial<Filters>) => {
    const next = { ...filters, ...patch }
    const out = new URLSearchParams()
    for (const n of NAMES) if (next[n]) out.set(n, next[n])
    setParams(out, { replace: true })
  }
  return [filters, set]
}

export const NO_FILTERS: Filters = { type: '', assignee: '', label: '', q: '' }

export const anyFilter = (f: Filters) => NAMES.some((n) => f[n] !== '')

/** The board filters in memory; the list asks the server instead (full-text search). */
export function matches(t: Ticket, f: Filters): boolean {
  if (f.type && t.type !== f.type) return false
  if (f.assignee && (t.assignee ?? '') !== (f.assignee === '-' ? '' : f.assignee)) return false
  if (f.label && !t.labels.includes(f.label)) return false
  if (f.q) {
    const q = f.q.toLowerCase()
    if (!t.title.toLowerCase().includes(q) && !t.key.toLowerCase().includes(q)) return false
  }
  return true
}
