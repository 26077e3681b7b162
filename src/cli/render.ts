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
  opts: { showOpen?: boolean; header?: boolean } = {},
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
  const text = table(header, rows, out.width, 2)
  // A page after the first of a streamed list: its widths are its own, under the first header.
  return opts.header === false ? text.slice(text.indexOf('\n') + 1) : text
}

const field = (label: string, value: string) => `${label.padEnd(13)}: ${value}`

/**
 * What `tk show` calls each field of a ticket's detail; `null` where no line of its own shows
 * it (it is part of another line, or left to `--json`). A new field must be placed here.
 */
const LABEL = {
  id: null,
  key: 'Key',
  project_id: null,
  project_prefix: null,
  type: 'Type',
  title: 'Title',
  description: 'Description',
  acceptance_criteria: 'Acceptance criteria',
  git_repository: 'Repository',
  git_branch: 'Branch',
  parent_id: 'Parent',
  clone_of: 'Clone of',
  workflow_id: null,
  stage: null,
  state: null,
  status: 'Status',
  priority: 'Priority',
  sort_order: null,
  estimate_effort: 'Estimate',
  estimate_complete: 'Due',
  health_score: null,
  assignee: 'Assignee',
  assignee_name: null,
  open: 'Open',
  archived: null,
  ready: 'Ready',
  review_status: null,
  attempts: null,
  labels: 'Labels',
  blocked: 'Blocked by',
  created_by: null,
  created_at: 'Created',
  updated_at: 'Updated',
  children: 'Children',
  depends_on: 'Depends on',
  time_minutes: 'Time logged',
  stages: 'Workflow',
} as const satisfies Record<keyof TicketDetail, string | null>

export function ticketDetail(out: Output, t: TicketDetail, now: Date): string {
  const lines = [
    field(LABEL.key, paint(out.color, 'bold', t.key)),
    field(LABEL.title, t.title),
    field(LABEL.type, t.type),
    field(LABEL.status, colourState(out, t)),
    field(
      LABEL.stages,
      t.stages.map((s) => (s === t.stage ? paint(out.color, 'green', `[${s}]`) : s)).join(' → '),
    ),
    field(LABEL.priority, String(t.priority)),
    field(LABEL.assignee, assigneeLabel(t)),
    field(LABEL.ready, t.ready ? 'yes' : 'no'),
    field(LABEL.open, t.archived ? 'archived' : t.open ? 'open' : 'closed'),
  ]
  if (t.parent_id) lines.push(field(LABEL.parent_id, t.parent_id))
  if (t.clone_of) lines.push(field(LABEL.clone_of, t.clone_of))
  if (t.depends_on.length > 0) lines.push(field(LABEL.depends_on, t.depends_on.join(', ')))
  if (t.blocked.length > 0)
    lines.push(field(LABEL.blocked, paint(out.color, 'yellow', t.blocked.join(', '))))
  if (t.labels.length > 0) lines.push(field(LABEL.labels, t.labels.join(', ')))
  if (t.time_minutes > 0) lines.push(field(LABEL.time_minutes, formatMinutes(t.time_minutes)))
  if (t.estimate_effort > 0) lines.push(field(LABEL.estimate_effort, String(t.estimate_effort)))
  if (t.estimate_complete)
    lines.push(field(LABEL.estimate_complete, t.estimate_complete.slice(0, 10)))
  if (t.git_repository) lines.push(field(LABEL.git_repository, t.git_repository))
  if (t.git_branch) lines.push(field(LABEL.git_branch, t.git_branch))
  lines.push(
    field(LABEL.created_at, `${t.created_at.slice(0, 19).replace('T', ' ')} by ${t.created_by}`),
  )
  lines.push(field(LABEL.updated_at, ago(t.updated_at, now)))
  if (t.description) lines.push('', `${LABEL.description}:`, indent(t.description))
  if (t.acceptance_criteria)
    lines.push('', `${LABEL.acceptance_criteria}:`, indent(t.acceptance_criteria))
  if (t.children.length > 0) {
    lines.push('', `${LABEL.children}:`)
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
