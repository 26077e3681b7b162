import { describeEvent } from '../../domain/describe-event.ts'
import { ago, formatMinutes } from '../../domain/format.ts'
import type { ConversationEntry } from '../../domain/history.ts'
import { STATE_SYMBOLS, TYPE_SYMBOLS } from '../../domain/symbols.ts'
import { terminalSafe } from '../../domain/terminal-text.ts'
import { assigneeLabel, type Ticket, type TicketDetail } from '../../domain/ticket.ts'
import type { Dependencies } from '../../service/ticket-service.ts'
import { markdownLines, type Span, wrapSpans } from './markdown-lines.ts'

/** One line of the detail pane and how it is coloured; `spans` carry Markdown's emphasis. */
export type Line = {
  readonly text: string
  readonly tone?: 'heading' | 'muted' | 'key' | 'warn' | 'code' | Ticket['state']
  readonly spans?: readonly Span[]
}

const field = (label: string, value: string): Line => ({ text: `${label.padEnd(12)} ${value}` })

/**
 * What the detail pane calls each field of a ticket; `null` where no line of its own shows it
 * (it is part of another line, or left to `tk show`). A new field must be placed here.
 */
const LABEL = {
  id: null,
  key: null,
  project_id: null,
  project_prefix: null,
  type: 'Type',
  title: null,
  description: 'Description',
  acceptance_criteria: 'Acceptance criteria',
  git_repository: null,
  git_branch: null,
  parent_id: 'Parent',
  clone_of: null,
  workflow_id: null,
  stage: null,
  state: null,
  status: 'Status',
  priority: 'Priority',
  sort_order: null,
  estimate_effort: null,
  estimate_complete: null,
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
  depends_on: 'Dependencies',
  time_minutes: 'Time logged',
  stages: 'Workflow',
} as const satisfies Record<keyof TicketDetail, string | null>

const ticketLine = (t: Ticket): Line => ({
  text: `  ${STATE_SYMBOLS[t.state]} ${t.key}  ${t.status}  ${t.title}`,
  tone: t.state,
})

/** The detail pane as lines: fields, text, children, dependencies, then the conversation. */
export function detailLines(
  t: TicketDetail,
  deps: Dependencies,
  conversation: readonly ConversationEntry[],
  width: number,
  now: Date,
): Line[] {
  // Ticket text is Markdown, as in the web app; shown indented by two.
  const markdown = (s: string): Line[] =>
    // Made safe before parsing too: Markdown would read a lone carriage return as a line break.
    markdownLines(terminalSafe(s), width - 4).map((l) => ({
      text: `  ${l.spans.map((x) => x.text).join('')}`,
      spans: [{ text: '  ' }, ...l.spans],
      ...(l.tone ? { tone: l.tone === 'heading' ? ('heading' as const) : l.tone } : {}),
    }))
  // A long title wraps so it can be read in full.
  const title = wrapSpans(
    [{ text: `${TYPE_SYMBOLS[t.type]} ${t.key}  ${t.title}` }],
    width - 2,
  ).map(
    (l): Line => ({
      text: l
        .map((x) => x.text)
        .join('')
        .trimEnd(),
      tone: 'heading',
    }),
  )
  const lines: Line[] = [
    ...title,
    field(LABEL.status, `${STATE_SYMBOLS[t.state]} ${t.status}`),
    field(LABEL.stages, t.stages.map((s) => (s === t.stage ? `[${s}]` : s)).join(' → ')),
    field(LABEL.type, t.type),
    field(LABEL.priority, String(t.priority)),
    field(LABEL.assignee, assigneeLabel(t)),
    field(LABEL.ready, t.ready ? 'yes' : 'no'),
    field(LABEL.open, t.archived ? 'archived' : t.open ? 'open' : 'closed'),
  ]
  if (t.parent_id) lines.push(field(LABEL.parent_id, t.parent_id))
  if (t.labels.length > 0) lines.push(field(LABEL.labels, t.labels.join(', ')))
  if (t.time_minutes > 0) lines.push(field(LABEL.time_minutes, formatMinutes(t.time_minutes)))
  if (t.blocked.length > 0)
    lines.push({ ...field(LABEL.blocked, t.blocked.join(', ')), tone: 'warn' })
  lines.push(field(LABEL.created_at, `${ago(t.created_at, now)} by ${t.created_by}`))
  lines.push(field(LABEL.updated_at, ago(t.updated_at, now)))
  if (t.description)
    lines.push(
      { text: '' },
      { text: LABEL.description, tone: 'heading' },
      ...markdown(t.description),
    )
  if (t.acceptance_criteria)
    lines.push(
      { text: '' },
      { text: LABEL.acceptance_criteria, tone: 'heading' },
      ...markdown(t.acceptance_criteria),
    )
  lines.push({ text: '' }, { text: `${LABEL.children} (${t.children.length})`, tone: 'heading' })
  lines.push(
    ...(t.children.length
      ? t.children.map(ticketLine)
      : [{ text: '  none', tone: 'muted' as const }]),
  )
  lines.push({ text: '' }, { text: LABEL.depends_on, tone: 'heading' })
  lines.push({ text: '  depends on:', tone: 'muted' }, ...deps.depends_on.map(ticketLine))
  lines.push({ text: '  blocks:', tone: 'muted' }, ...deps.blocks.map(ticketLine))
  lines.push({ text: '' }, { text: 'Comments and history', tone: 'heading' })
  for (const e of conversation) {
    const who = `${ago(e.created_at, now)} ${e.kind === 'comment' ? (e.author_name ?? e.author) : (e.actor_name ?? e.actor)}`
    if (e.kind === 'comment') {
      lines.push({ text: `  » ${who}:`, tone: 'key' }, ...markdown(e.text))
    } else lines.push({ text: `  · ${who} ${describeEvent(e)}`, tone: 'muted' })
  }
  // Titles, text and comments are anyone's: their control characters are shown, not obeyed.
  return lines.map((l) => ({
    ...l,
    text: terminalSafe(l.text),
    ...(l.spans ? { spans: l.spans.map((x) => ({ ...x, text: terminalSafe(x.text) })) } : {}),
  }))
}
