import type { HistoryEvent } from './history.ts'
import type { Project } from './project.ts'
import type { Ticket, TicketType } from './ticket.ts'

/** One lane of the board: a workflow stage and the tickets in it. */
export type BoardLane = { readonly stage: string; readonly tickets: readonly Ticket[] }

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
