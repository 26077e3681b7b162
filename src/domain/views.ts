import type { HistoryEvent } from './history.ts'
import { DEFAULT_STAGES, STATES } from './lifecycle.ts'
import type { Project } from './project.ts'
import { TICKET_TYPES, type Ticket, type TicketType } from './ticket.ts'

/** One lane of the board: a workflow stage, how many tickets it holds, and a page of them. */
export type BoardLane = {
  readonly stage: string
  /** Every ticket in the lane, whether or not this page shows it. */
  readonly total: number
  /** The page asked for, in board order (`byBoardOrder`). */
  readonly tickets: readonly Ticket[]
}

/** Cards per lane a board shows unless asked for more; the rest are paged by lane. */
export const BOARD_PAGE = 50

export type BoardInput = {
  readonly project: string
  /** Closed tickets too. */
  readonly all?: boolean
  /** Cards per lane, default `BOARD_PAGE`; 0 = every card. */
  readonly limit?: number
  /** Cards to skip in each lane (with `stage`, the next page of one lane). */
  readonly offset?: number
  /** Only this lane. */
  readonly stage?: string
}

export type Board = {
  readonly project: string
  /** The project's workflow, or `default` when it has none. */
  readonly workflow: string
  readonly lanes: readonly BoardLane[]
}

export type TypeCount = {
  readonly type: TicketType
  readonly total: number
  /** Tickets per `stage/state`, in workflow order. */
  readonly statuses: Readonly<Record<string, number>>
}

/** `tk count`: users, projects and tickets per type and status (closed and archived included). */
export type Counts = {
  readonly users: number
  readonly agents: number
  /** Omitted when the counts are for one project. */
  readonly projects?: number
  readonly project?: string
  readonly types: readonly TypeCount[]
}

/** `tk summary`: the daily starting point for one project. */
export type Summary = {
  readonly project: Project
  /** Open, unarchived tickets. */
  readonly open_tickets: number
  readonly type_counts: Readonly<Partial<Record<TicketType, number>>>
  /** Tickets being worked on now. */
  readonly active: readonly Ticket[]
  /** Open tickets changed most recently, newest first. */
  readonly recent: readonly Ticket[]
  /** The newest history events of the project, newest first. */
  readonly activity: readonly HistoryEvent[]
  /** Open tickets waiting on unfinished dependencies. */
  readonly blocked: number
  /** The first tickets `claim` would hand out now, in claim order. */
  readonly next: readonly Ticket[]
  /** Active tickets held by agents that are offline (work that may be stuck). */
  readonly stalled: readonly Ticket[]
  readonly projects: number
  readonly users: number
  readonly agents: number
}

/** Board and summary order: priority, then sort order, then oldest first. */
export const byBoardOrder = (a: Ticket, b: Ticket) =>
  a.priority - b.priority || a.sort_order - b.sort_order || a.created_at.localeCompare(b.created_at)

/**
 * Lanes follow the project's workflow. A stage the workflow lacks that tickets are at (they
 * follow their own workflow, or the project's changed) gets a lane of its own after them, so
 * the board never hides a ticket.
 */
export function laneStages(stages: readonly string[], present: Iterable<string>): string[] {
  const out = [...stages]
  for (const s of present) if (!out.includes(s)) out.push(s)
  return out
}

/** `design/idle`, `design/active`, … in workflow order; unknown stages after, by name. */
export function statusOrder(a: string, b: string): number {
  const [sa = '', xa = ''] = a.split('/')
  const [sb = '', xb = ''] = b.split('/')
  const stage = (s: string) => {
    const i = (DEFAULT_STAGES as readonly string[]).indexOf(s)
    return i < 0 ? DEFAULT_STAGES.length : i
  }
  const state = (s: string) => (STATES as readonly string[]).indexOf(s)
  return stage(sa) - stage(sb) || sa.localeCompare(sb) || state(xa) - state(xb)
}

export function toTypeCounts(
  rows: readonly { type: string; status: string; n: number }[],
): TypeCount[] {
  return TICKET_TYPES.flatMap((type) => {
    const mine = rows.filter((r) => r.type === type).sort((a, b) => statusOrder(a.status, b.status))
    if (mine.length === 0) return []
    const total = mine.reduce((s, r) => s + r.n, 0)
    return [{ type, total, statuses: Object.fromEntries(mine.map((r) => [r.status, r.n])) }]
  })
}
