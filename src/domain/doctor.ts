import { plural } from './format.ts'
import type { HealthReport } from './health.ts'
import type { Ticket } from './ticket.ts'

/** One thing `tk doctor` noticed; `tickets` names the tickets concerned, when there are any. */
export type Finding = {
  readonly level: 'warn' | 'info'
  readonly message: string
  readonly tickets?: readonly string[]
}

export type WorkflowOutline = {
  readonly name: string
  readonly stages: readonly { readonly name: string; readonly role: string | null }[]
}

export type DatabaseCheck = {
  readonly location: string
  readonly schema_version: number
  /** The newest schema this program knows. */
  readonly supported_schema_version: number
  /** `["ok"]`, or what the engine found wrong with its own file. */
  readonly integrity: readonly string[]
  /** Broken rules the schema cannot enforce (hierarchy cycles, cross-project links, …). */
  readonly consistency: readonly string[]
}

/** Ticket ids that sit on a parent cycle (the schema cannot forbid one; the service does). */
export function parentCycles(rows: readonly { id: number; parent_id: number | null }[]): number[] {
  const parent = new Map(rows.map((r) => [r.id, r.parent_id]))
  const onCycle = new Set<number>()
  for (const start of parent.keys()) {
    const seen = new Set<number>()
    let at: number | null | undefined = start
    while (at != null && !seen.has(at)) {
      seen.add(at)
      at = parent.get(at)
    }
    if (at === start) for (const id of seen) onCycle.add(id)
  }
  return [...onCycle].sort((a, b) => a - b)
}

export type ProjectDiagnosis = {
  readonly project: string
  readonly title: string
  /** Null when the project names no workflow (tickets then use the default one). */
  readonly workflow: WorkflowOutline | null
  /** Open, unarchived tickets. */
  readonly tickets: number
  readonly findings: readonly Finding[]
}

export type TicketDiagnosis = {
  readonly ticket: Ticket
  readonly project: string
  readonly workflow: WorkflowOutline | null
  /** The role named by the ticket's current stage. */
  readonly role: string | null
  /** Ancestors, the root first. */
  readonly parents: readonly string[]
  readonly findings: readonly Finding[]
  /** Computed, not saved: the doctor only looks. */
  readonly health: HealthReport
}

function group(
  tickets: readonly Ticket[],
  keep: (t: Ticket) => boolean,
  level: Finding['level'],
  say: (n: number) => string,
): Finding[] {
  const hit = tickets.filter(keep).map((t) => t.key)
  return hit.length === 0 ? [] : [{ level, message: say(hit.length), tickets: hit }]
}

/**
 * The reference's project checks (reference/cli.md §7.10) over open, unarchived tickets, plus
 * tickets whose stage their workflow does not have (left behind when a workflow changes).
 */
export function projectFindings(
  tickets: readonly Ticket[],
  stagesOf: (t: Ticket) => readonly string[],
): Finding[] {
  // A parent's state is derived from its children; it is never claimed or assigned itself.
  const parents = new Set(tickets.map((t) => t.parent_id))
  const leaf = (t: Ticket) => !parents.has(t.key)
  return [
    ...group(
      tickets,
      (t) => t.description.trim() === '',
      'warn',
      (n) => `${plural(n, 'ticket')} ${n === 1 ? 'has' : 'have'} no description`,
    ),
    ...group(
      tickets,
      (t) => t.acceptance_criteria.trim() === '',
      'warn',
      (n) => `${plural(n, 'ticket')} ${n === 1 ? 'has' : 'have'} no acceptance criteria`,
    ),
    ...group(
      tickets,
      (t) => leaf(t) && t.state === 'active' && t.assignee === null,
      'warn',
      (n) => `${plural(n, 'active ticket')} ${n === 1 ? 'has' : 'have'} no assignee`,
    ),
    ...group(
      tickets,
      (t) => !stagesOf(t).includes(t.stage),
      'warn',
      (n) => `${plural(n, 'ticket')} ${n === 1 ? 'is' : 'are'} at a stage their workflow lacks`,
    ),
    ...group(
      tickets,
      (t) => leaf(t) && t.state === 'idle' && !t.ready,
      'info',
      (n) => `${plural(n, 'idle ticket')} ${n === 1 ? 'is' : 'are'} not marked ready`,
    ),
  ]
}

/** The reference's ticket checks (reference/cli.md §7.10). */
export function ticketFindings(
  t: Ticket,
  context: {
    readonly hasWorkflow: boolean
    readonly stages: readonly string[]
    readonly hasChildren: boolean
  },
): Finding[] {
  const f: Finding[] = []
  const warn = (message: string) => f.push({ level: 'warn', message })
  if (t.description.trim() === '') warn('No description')
  if (t.acceptance_criteria.trim() === '') warn('No acceptance criteria')
  if (t.type !== 'epic' && t.parent_id === null) warn('Orphan ticket (no parent)')
  if (!context.hasChildren && t.state === 'active' && t.assignee === null)
    warn('Active but no assignee')
  if (!context.hasWorkflow) warn('No workflow (inherited or explicit)')
  if (!context.stages.includes(t.stage)) warn(`Stage "${t.stage}" is not in its workflow`)
  if (t.blocked.length > 0) f.push({ level: 'info', message: `Blocked by ${t.blocked.join(', ')}` })
  return f
}
