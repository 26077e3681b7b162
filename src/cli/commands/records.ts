import type { HistoryEvent } from '../../domain/history.ts'
import type { Run } from '../command.ts'
import { formatMinutes, paint } from '../output.ts'
import { UsageError } from '../usage-error.ts'

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ')

/** One history event in words: `develop/idle → develop/active`, `assigned to alice`, … */
export function describeEvent(e: HistoryEvent): string {
  const p = e.payload as Record<string, unknown>
  switch (e.event_type) {
    case 'ticket_created':
      return `created ${p.type} "${p.title}" [${p.status}]`
    case 'ticket_updated': {
      const changes = (p.changes ?? {}) as Record<string, { old: unknown; new: unknown }>
      return `updated ${Object.entries(changes)
        .map(([k, v]) => `${k}: ${short(v.old)} → ${short(v.new)}`)
        .join(', ')}`
    }
    case 'ticket_stage_changed':
      return `stage ${p.old} → ${p.new}`
    case 'ticket_state_changed':
      return `state ${p.old} → ${p.new}`
    case 'ticket_parent_stage_changed':
      return `stage ${p.old} → ${p.new} (derived from children)`
    case 'ticket_parent_state_changed':
      return `state ${p.old} → ${p.new} (derived from children)`
    case 'ticket_assigned':
      return `assigned to ${p.new}`
    case 'ticket_unassigned':
      return `unassigned from ${p.old}`
    case 'ticket_attached':
      return `attached to ${p.new}`
    case 'ticket_detached':
      return `detached from ${p.old}`
    case 'dependency_added':
      return `now depends on ${p.depends_on}`
    case 'dependency_removed':
      return `no longer depends on ${p.depends_on}`
    // ---- labels, time, clone ----
    case 'label_added':
      return `labelled ${p.label}`
    case 'label_removed':
      return `label ${p.label} removed`
    case 'label_created':
      return `created label ${p.label}`
    case 'label_deleted':
      return `deleted label ${p.label}`
    case 'label_updated':
      return `changed label ${Object.entries(
        (p.changes ?? {}) as Record<string, { old: unknown; new: unknown }>,
      )
        .map(([k, v]) => `${k}: ${short(v.old)} → ${short(v.new)}`)
        .join(', ')}`
    case 'time_logged':
      return `logged ${formatMinutes(Number(p.minutes))}${p.note ? ` (${short(p.note)})` : ''}`
    case 'time_deleted':
      return `deleted time entry ${p.time_entry_id} (${formatMinutes(Number(p.minutes))})`
    case 'ticket_cloned':
      return `cloned as ${p.clone}`
    // ---- end labels, time, clone ----
    case 'dependency_override':
      return `completed despite unfinished ${(p.blockers as string[]).join(', ')}`
    default: {
      const rest = Object.entries(p).map(([k, v]) => `${k}=${short(v)}`)
      return `${e.event_type.replace(/^ticket_/, '').replaceAll('_', ' ')}${rest.length ? ` (${rest.join(', ')})` : ''}`
    }
  }
}

const short = (v: unknown) => {
  const s = v === null || v === undefined || v === '' ? '∅' : String(v).replace(/\s+/g, ' ')
  return s.length > 40 ? `${s.slice(0, 39)}…` : s
}

export const comment: Run = async (c) => {
  const ref = c.ticket()
  const text = c.str('message') ?? c.args.join(' ')
  if (text.trim() === '')
    throw new UsageError('what should the comment say?', `e.g. tk comment ${ref} "started on this"`)
  const created = await (await c.service()).addComment(ref, text)
  c.out.data(created, (x) => `commented on ${x.ticket_key}`)
}

export const comments: Run = async (c) => {
  const list = await (await c.service()).listComments(c.ticket())
  c.out.data(list, (xs) =>
    xs.length === 0
      ? 'no comments'
      : xs
          .map((x) => `[${when(x.created_at)}] ${paint(c.out.color, 'bold', x.author)}: ${x.text}`)
          .join('\n'),
  )
}

export const history: Run = async (c) => {
  const raw = c.str('id') ?? c.args[0]
  const limit = c.int('limit') ?? 20
  if (limit < 0) throw new UsageError('-n must be 0 or more')
  const filter = {
    ...(raw ? { ticket: c.ref(raw) } : { project: c.project() }),
    limit,
    ...(c.str('user') ? { actor: c.str('user')! } : {}),
  }
  const events = await (await c.service()).listHistory(filter)
  c.out.data(events, (es) =>
    es.length === 0
      ? 'no history'
      : es
          .map(
            (e) =>
              `[${when(e.created_at)}] ${raw ? '' : `${e.ticket_key ?? '-'}  `}${describeEvent(e)} ${paint(c.out.color, 'dim', `(by ${e.actor})`)}`,
          )
          .join('\n'),
  )
}

export const conversation: Run = async (c) => {
  const entries = await (await c.service()).conversation(c.ticket())
  c.out.data(entries, (es) =>
    es.length === 0
      ? 'nothing yet'
      : es
          .map((e) =>
            e.kind === 'comment'
              ? `[${when(e.created_at)}] ${paint(c.out.color, 'bold', e.author)}: ${e.text}`
              : `[${when(e.created_at)}] ${paint(c.out.color, 'dim', `${describeEvent(e)} (by ${e.actor})`)}`,
          )
          .join('\n'),
  )
}
