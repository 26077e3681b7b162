/** @module UI words for closed sets; typed as records so a new domain value fails to compile here. */
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
