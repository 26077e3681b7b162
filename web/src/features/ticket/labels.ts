/** @module UI words for closed sets; typed as records so a new domain value fails to compile here. */
import type { State } from '../../../../src/domain/lifecycle.ts'
import type { TicketType } from '../../../../src/domain/ticket.ts'

export const TYPE_LABELS: Record<TicketType, string> = {
  task: 'task',
  bug: 'bug',
  epic: 'epic',
  story: 'story',
  spike: 'spike',
  chore: 'chore',
  requirement: 'requirement',
  decision: 'decision',
  question: 'question',
  note: 'note',
}

export const STATE_LABELS: Record<State, string> = {
  idle: 'idle',
  active: 'active',
  success: 'success',
  fail: 'fail',
}

export const STATES = Object.keys(STATE_LABELS) as State[]

// domain.md "Lifecycle": the default workflow, used when a project's own stages are unknown.
export const DEFAULT_STAGES = ['design', 'develop', 'test', 'done'] as const
