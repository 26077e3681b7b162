import { describeEvent } from '../../domain/describe-event.ts'
import { fitToWidth } from '../../domain/display-width.ts'
import type { TicketType } from '../../domain/ticket.ts'
import {
  BOARD_PAGE,
  type Board,
  type BoardLane,
  type Counts,
  type Summary,
} from '../../domain/views.ts'
import type { CommandContext, Run } from '../command.ts'
import { ago, paint } from '../output.ts'
import { colourState, symbol } from '../render.ts'
import { UsageError } from '../usage-error.ts'

/** Cuts `s` to `w` columns (with `…`), then pads it to exactly `w`. */
const cell = fitToWidth

/** Narrower than this, a lane cannot show a key and a few words of title. */
const MIN_LANE = 22
const GAP = 2

/** The cards of a lane its page leaves out. */
const hidden = (lane: BoardLane) => Math.max(0, lane.total - lane.tickets.length)
const heading = (lane: BoardLane) => `${lane.stage.toUpperCase()} (${lane.total})`

function laneLines(c: CommandContext, lane: BoardLane, w: number): string[] {
  const lines = [paint(c.out.color, 'bold', heading(lane)), '─'.repeat(w)]
  if (lane.tickets.length === 0 && !hidden(lane)) lines.push(paint(c.out.color, 'dim', '(empty)'))
  for (const t of lane.tickets) {
    const who = t.assignee ? ` @${t.assignee}` : ''
    // On the title line, so a narrow lane cuts the title rather than the marker.
    const flag = t.blocked.length > 0 ? `${paint(c.out.color, 'yellow', '[blocked]')} ` : ''
    lines.push(`${colourState(c.out, t, symbol(t))} ${paint(c.out.color, 'bold', t.key)}${who}`)
    lines.push(`  ${flag}${t.title}`)
  }
  if (hidden(lane) > 0) lines.push(paint(c.out.color, 'dim', `… ${hidden(lane)} more`))
  return lines.map((l) => cell(l, w))
}

/** Lanes side by side when the terminal is wide enough, else one under another. */
export function renderBoard(c: CommandContext, b: Board): string {
  const n = b.lanes.length
  const w = Math.floor((c.out.width - GAP * (n - 1)) / Math.max(1, n))
  if (n > 0 && w >= MIN_LANE) {
    const columns = b.lanes.map((l) => laneLines(c, l, w))
    const height = Math.max(...columns.map((col) => col.length))
    return Array.from({ length: height }, (_, i) =>
      columns
        .map((col) => col[i] ?? ' '.repeat(w))
        .join(' '.repeat(GAP))
        .trimEnd(),
    ).join('\n')
  }
  return b.lanes
    .map((l) =>
      [
        `── ${heading(l)} ──`,
        ...(l.tickets.length === 0 && !hidden(l)
          ? ['  (empty)']
          : l.tickets.map(
              (t) => `  ${symbol(t)} ${t.key}  ${t.title}  [${t.type}]  @${t.assignee ?? '-'}`,
            )),
        ...(hidden(l) > 0 ? [`  … ${hidden(l)} more`] : []),
        '',
      ].join('\n'),
    )
    .join('\n')
}

export const board: Run = async (c) => {
  const n = c.int('limit') ?? BOARD_PAGE
  if (n < 0) throw new UsageError('-n must be 0 or more')
  const b = await (await c.service()).board({ project: c.project(), all: c.bool('all'), limit: n })
  c.out.data(b, (x) => renderBoard(c, x))
}

const plural = (type: string) => (type === 'story' ? 'stories' : `${type}s`)
const row = (key: string, value: string) => `${key.padEnd(16)}: ${value}`

export function renderCounts(x: Counts): string {
  const lines = [row('users', String(x.users)), row('agents', String(x.agents))]
  if (x.projects !== undefined) lines.push(row('projects', String(x.projects)))
  if (x.project !== undefined) lines.push(row('project', x.project))
  if (x.types.length > 0) lines.push('')
  for (const t of x.types) {
    const detail = Object.entries(t.statuses)
      .map(([s, n]) => `${n} ${s}`)
      .join(', ')
    lines.push(row(plural(t.type), `${t.total}  (${detail})`))
  }
  if (x.types.length === 0) lines.push('', 'no tickets')
  return lines.join('\n')
}

export const count: Run = async (c) => {
  const project = c.args[0]
  const counts = await (await c.service()).count(project ? { project } : {})
  c.out.data(counts, renderCounts)
}

/** The reference's order for the breakdown of open tickets; other types follow. */
const SUMMARY_ORDER: readonly TicketType[] = [
  'task',
  'epic',
  'bug',
  'story',
  'requirement',
  'decision',
  'question',
  'note',
  'spike',
  'chore',
]

export function renderSummary(c: CommandContext, s: Summary, paths: Record<string, string>) {
  const bold = (t: string) => paint(c.out.color, 'bold', t)
  const breakdown = SUMMARY_ORDER.filter((t) => s.type_counts[t])
    .map((t) => `${s.type_counts[t]} ${s.type_counts[t] === 1 ? t : plural(t)}`)
    .join(', ')
  const lines = [row('project', bold(`${s.project.prefix} — ${s.project.title}`))]
  if (s.project.description) lines.push(row('description', s.project.description))
  lines.push(
    '',
    row('open tickets', `${s.open_tickets} open${breakdown ? `  (${breakdown})` : ''}`),
    row('blocked', String(s.blocked)),
  )
  const list = (
    title: string,
    ts: Summary['active'],
    right: (t: Summary['active'][number]) => string,
  ) => {
    if (ts.length === 0) return
    lines.push('', row(title, ''))
    for (const t of ts)
      lines.push(row(`  ${t.key}`, `${symbol(t)}  ${cell(t.title, 30)}  ${right(t)}`))
  }
  if (s.active.length > 0) lines.push('', row('active', `${s.active.length} in progress`))
  for (const t of s.active)
    lines.push(
      row(
        `  ${t.key}`,
        `${paint(c.out.color, 'green', cell(t.title, 30))}  ${t.stage}  ${t.assignee ?? 'unassigned'}`,
      ),
    )
  list('stalled', s.stalled, (t) => `held by offline agent ${t.assignee}`)
  list('next up', s.next, (t) => `p${t.priority}  ${t.status}`)
  list('recently active', s.recent, (t) => `${colourState(c.out, t)}  ${ago(t.updated_at, c.now)}`)
  if (s.activity.length > 0) {
    lines.push('', row('activity', ''))
    for (const e of s.activity)
      lines.push(
        `  ${ago(e.created_at, c.now).padEnd(9)} ${(e.ticket_key ?? '-').padEnd(10)} ${describeEvent(e)} ${paint(c.out.color, 'dim', `(by ${e.actor_name ?? e.actor})`)}`,
      )
  }
  lines.push(
    '',
    row('projects', String(s.projects)),
    row('users', String(s.users)),
    row('agents', String(s.agents)),
  )
  if (Object.keys(paths).length > 0) lines.push('')
  for (const [k, v] of Object.entries(paths)) lines.push(row(k, v))
  return lines.join('\n')
}

export const summary: Run = async (c) => {
  const s = await (await c.service()).summary(c.project())
  const remote = Boolean(c.env.TICKET_URL || c.workspace.config.server_url)
  const paths: Record<string, string> = remote
    ? {}
    : {
        database: c.workspace.dbPath,
        config: c.workspace.configPath,
        TICKET_HOME: c.env.TICKET_HOME
          ? c.workspace.home
          : `${c.workspace.home}  (auto-discovered)`,
      }
  c.out.data({ ...s, ...(remote ? {} : { workspace: paths }) }, (x) => renderSummary(c, x, paths))
}
