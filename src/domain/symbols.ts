import type { State } from './lifecycle.ts'
import type { TicketType } from './ticket.ts'

/** One glyph per state, shared by the CLI's tables and the terminal UI. */
export const STATE_SYMBOLS: Record<State, string> = {
  idle: '○',
  active: '◑',
  success: '◉',
  fail: '✗',
}

/**
 * One glyph per type (reference/ui.md §3.2). The reference draws tasks as ◉, which is our
 * success symbol, so tasks get ▪ here to keep the state column unambiguous.
 */
export const TYPE_SYMBOLS: Record<TicketType, string> = {
  epic: '◈',
  story: '◆',
  task: '▪',
  bug: '⚑',
  spike: '⚡',
  chore: '⚙',
  requirement: '◇',
  decision: '◁',
  question: '?',
  note: '✎',
}
