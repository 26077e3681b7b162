import { Box, Text } from 'ink'
import { bindingsByScope, type Scope, showKey } from '../keys.ts'
import type { Theme } from '../themes.ts'

const SCOPE_TITLES: Record<Scope, string> = {
  global: 'Everywhere',
  list: 'On the selected ticket (lists, board, detail)',
  board: 'Board',
  ideas: 'Ideas',
  detail: 'Ticket detail',
  projects: 'Projects',
  workflows: 'Workflows',
  settings: 'Settings',
}

/** The help as lines, one binding each, under a heading per scope. */
export function helpLines(): { text: string; heading?: boolean }[] {
  const lines: { text: string; heading?: boolean }[] = []
  // The ticket keys repeat on the board and in the detail; each is listed once.
  const seen = new Set<string>()
  for (const [scope, bindings] of bindingsByScope()) {
    const fresh = bindings.filter((b) => !seen.has(b.keys.join() + b.help))
    if (fresh.length === 0) continue
    lines.push({ text: SCOPE_TITLES[scope], heading: true })
    for (const b of fresh) {
      seen.add(b.keys.join() + b.help)
      lines.push({ text: `  ${b.keys.map(showKey).join(' ').padEnd(16)} ${b.help}` })
    }
  }
  lines.push({ text: 'Mouse', heading: true })
  lines.push({ text: '  click a tab to switch view, a row to select it, again to open it' })
  lines.push({ text: '  wheel moves the cursor (scrolls the ticket detail)' })
  return lines
}

/** How many lines one screen of help holds at this size. */
export const helpCapacity = (width: number, height: number) =>
  Math.max(1, height - 1) * Math.max(1, Math.floor(width / 58))

/**
 * `?`: every key from the binding table, in as many columns as fit. When they do not all fit,
 * ↓/↑ (j/k, PgDn/PgUp) scroll by `offset`; any other key closes it.
 */
export function HelpView(props: { theme: Theme; width: number; height: number; offset: number }) {
  const { theme, width, height } = props
  const all = helpLines()
  const rows = Math.max(1, height - 1)
  const columns = Math.max(1, Math.floor(width / 58))
  const columnWidth = Math.floor(width / columns)
  const lines = all.slice(props.offset, props.offset + rows * columns)
  const more = props.offset + lines.length < all.length
  const chunks: (typeof lines)[] = []
  for (let i = 0; i < lines.length; i += rows) chunks.push(lines.slice(i, i + rows))
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text color={theme.header} bold>
        {` Keys — ${more || props.offset > 0 ? '↓/↑ scroll, any other key' : 'any key'} closes this`}
      </Text>
      <Box>
        {chunks.slice(0, columns).map((chunk, i) => (
          <Box key={String(i)} flexDirection="column" width={columnWidth}>
            {chunk.map((l, j) => (
              <Text
                key={String(j)}
                wrap="truncate"
                color={l.heading ? theme.accent : theme.fg}
                bold={l.heading === true}
              >
                {` ${l.text}`}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  )
}
