import { Text } from 'ink'
import { fitToWidth } from '../../domain/display-width.ts'
import { STATE_SYMBOLS, TYPE_SYMBOLS } from '../../domain/symbols.ts'
import { terminalSafe } from '../../domain/terminal-text.ts'
import type { Ticket } from '../../domain/ticket.ts'
import type { Theme } from '../themes.ts'

// Ticket text is anyone's: its control characters are shown, not obeyed; columns count cells.
const clip = (s: string, n: number) => fitToWidth(terminalSafe(s), n)

/** One ticket on one line: state, type, key, status, priority, assignee, title. */
export function TicketRow(props: {
  ticket: Ticket
  width: number
  selected: boolean
  theme: Theme
  keyWidth: number
  /** Drawn before the state symbol: the tree's indentation and +/− marker. */
  prefix?: string
}) {
  const { ticket: t, width, selected, theme, keyWidth } = props
  const prefix = props.prefix ?? ''
  const wide = width >= 80
  // Cursor, state and type glyphs (6), key, priority (3), then status and assignee when wide.
  const fixed = 6 + prefix.length + keyWidth + 1 + 3 + (wide ? 17 + 11 : 0)
  const blocked = t.blocked.length > 0 ? ' [blocked]' : ''
  // domain/requirement.ts: no review yet reads as proposed.
  const review = t.type === 'requirement' ? ` [${t.review_status ?? 'proposed'}]` : ''
  const title = clip(`${t.title}${blocked}${review}`, Math.max(4, width - fixed))
  const bg = selected ? theme.selectionBg : undefined
  const fg = selected ? theme.selectionFg : theme.fg
  return (
    <Text wrap="truncate" {...(bg ? { backgroundColor: bg } : {})}>
      <Text color={fg}>{selected ? '▸ ' : '  '}</Text>
      {prefix && <Text color={selected ? fg : theme.muted}>{prefix}</Text>}
      <Text color={theme.states[t.state]}>{STATE_SYMBOLS[t.state]} </Text>
      <Text color={selected ? fg : theme.muted}>{TYPE_SYMBOLS[t.type]} </Text>
      <Text color={selected ? fg : theme.accent} bold>
        {t.key.padEnd(keyWidth)}{' '}
      </Text>
      {wide && <Text color={theme.states[t.state]}>{clip(t.status, 16)} </Text>}
      <Text color={selected ? fg : theme.muted}>P{t.priority} </Text>
      {wide && <Text color={selected ? fg : theme.muted}>{clip(t.assignee ?? '-', 10)} </Text>}
      <Text color={fg}>{title}</Text>
    </Text>
  )
}

export const keyWidthOf = (tickets: readonly Ticket[]) =>
  Math.max(8, ...tickets.map((t) => t.key.length))
