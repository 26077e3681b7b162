import type { HistoryEvent } from '../../../../src/domain/history.ts'

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v))

/** One history event in words: what changed, from what, to what. */
export function describeEvent(e: HistoryEvent): string {
  const p = e.payload as Record<string, unknown>
  const what = e.event_type.replace(/^ticket_/, '').replace(/_/g, ' ')
  if (e.event_type === 'ticket_updated' && p.changes && typeof p.changes === 'object') {
    const changes = Object.entries(p.changes as Record<string, { old: unknown; new: unknown }>)
    return `changed ${changes.map(([f, c]) => `${f.replace(/_/g, ' ')} from “${show(c.old)}” to “${show(c.new)}”`).join('; ')}`
  }
  if ('old' in p && 'new' in p) return `${what}: ${show(p.old)} → ${show(p.new)}`
  if ('depends_on' in p) return `${what}: ${show(p.depends_on)}`
  if ('label' in p) return `${what}: ${show(p.label)}`
  if ('minutes' in p) return `${what}: ${show(p.minutes)} min${p.note ? ` (${show(p.note)})` : ''}`
  return what
}
