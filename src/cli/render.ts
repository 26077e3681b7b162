import { describeEvent } from '../domain/describe-event.ts'
import { STATE_SYMBOLS } from '../domain/symbols.ts'
import { assigneeLabel, type Ticket, type TicketDetail } from '../domain/ticket.ts'
import type { TicketWithRecords } from '../service/ticket-service.ts'
import { ago, formatMinutes, type Output, paint } from './output.ts'
import { table } from './table.ts'

export const symbol = (t: Ticket) => STATE_SYMBOLS[t.state]

export function colourState(out: Output, t: Ticket, text = t.status): string {
  const c =
    t.state === 'active'
      ? 'green'
      : t.state === 'fail'
        ? 'red'
        : t.state === 'idle'
          ? 'grey'
          : 'cyan'
  return paint(out.color, c, text)
}

/** `◑ CUS-T-4  develop/active  Title` — the one-line confirmation of a change. */
export const oneLine = (out: Output, t: Ticket) =>
  `${symbol(t)} ${paint(out.color, 'bold', t.key)}  ${colourState(out, t)}  ${t.title}`

export function ticketTable(
  out: Output,
  tickets: readonly Ticket[],
  opts: { showOpen?: boolean } = {},
): string {
  const header = [
    'ID',
    'TYPE',
    'TITLE',
    'STATUS',
    'READY',
    ...(opts.showOpen ? ['OPEN'] : []),
    'PARENT',
    'ASSIGNEE',
    'PRI',
  ]
  const rows = tickets.map((t) => [
    `${symbol(t)} ${t.key}`,
    t.type,
    t.blocked.length > 0 ? `${t.title} ${paint(out.color, 'yellow', '[blocked]')}` : t.title,
    colourState(out, t),
    t.ready ? 'yes' : 'no',
    ...(opts.showOpen ? [t.archived ? 'archived' : t.open ? 'open' : 'closed'] : []),
    t.parent_id ?? '',
    t.assignee ?? '-',
    String(t.priority),
  ])
  return table(header, rows, out.width, 2)
}

const field = (label: string, value: string) => `${label.padEnd(13)}: ${value}`

export function ticketDetail(out: Output, t: TicketDetail, now: Date): string {
  const lines = [
    field('Key', paint(out.color, 'bold', t.key)),
    field('Title', t.title),
    field('Type', t.type),
    field('Status', colourState(out, t)),
    field(
      'Workflow',
      t.stages.map((s) => (s === t.stage ? paint(out.color, 'green', `[${s}]`) : s)).join(' → '),
    ),
    field('Priority', String(t.priority)),
    field('Assignee', assigneeLabel(t)),
    field('Ready', t.ready ? 'yes' : 'no'),
    field('Open', t.archived ? 'archived' : t.open ? 'open' : 'closed'),
  ]
  if (t.parent_id) lines.push(field('Parent', t.parent_id))
  if (t.clone_of) lines.push(field('Clone of', t.clone_of))
  if (t.depends_on.length > 0) lines.push(field('Depends on', t.depends_on.join(', ')))
  if (t.blocked.length > 0)
    lines.push(field('Blocked by', paint(out.color, 'yellow', t.blocked.join(', '))))
  if (t.labels.length > 0) lines.push(field('Labels', t.labels.join(', ')))
  if (t.time_minutes > 0) lines.push(field('Time logged', formatMinutes(t.time_minutes)))
  if (t.estimate_effort > 0) lines.push(field('Estimate', String(t.estimate_effort)))
  if (t.estimate_complete) lines.push(field('Due', t.estimate_complete.slice(0, 10)))
  if (t.git_repository) lines.push(field('Repository', t.git_repository))
  if (t.git_branch) lines.push(field('Branch', t.git_branch))
  lines.push(field('Created', `${t.created_at.slice(0, 19).replace('T', ' ')} by ${t.created_by}`))
  lines.push(field('Updated', ago(t.updated_at, now)))
  if (t.description) lines.push('', 'Description:', indent(t.description))
  if (t.acceptance_criteria) lines.push('', 'Acceptance criteria:', indent(t.acceptance_criteria))
  if (t.children.length > 0) {
    lines.push('', 'Children:')
    for (const c of t.children)
      lines.push(`  ${symbol(c)} ${c.key}  ${colourState(out, c)}  ${c.title}`)
  }
  return lines.join('\n')
}

const indent = (s: string) =>
  s
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')

/** `2026-01-02 13:45`: when a comment or an event happened. */
export const when = (iso: string) => iso.slice(0, 16).replace('T', ' ')

/** The latest comments and history under a ticket's detail, newest first. */
export function recordsText(out: Output, t: TicketWithRecords): string {
  const lines: string[] = []
  if (t.comments.length > 0) {
    lines.push('', 'Comments (newest first):')
    for (const x of t.comments)
      lines.push(
        `  [${when(x.created_at)}] ${paint(out.color, 'bold', x.author_name ?? x.author)}: ${x.text}`,
      )
  }
  if (t.history.length > 0) {
    lines.push('', 'History (newest first):')
    for (const e of t.history)
      lines.push(
        `  [${when(e.created_at)}] ${describeEvent(e)} ${paint(out.color, 'dim', `(by ${e.actor_name ?? e.actor})`)}`,
      )
  }
  return lines.join('\n')
}
