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
  settings: 'Settings',
}

/** `?`: every key from the binding table, in columns that fit the screen. Any key closes it. */
export function HelpView(props: { theme: Theme; width: number; height: number }) {
  const { theme, width, height } = props
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
  const rows = Math.max(1, height - 1)
  const columnWidth = 60
  const columns = Math.max(1, Math.floor(width / columnWidth))
  const chunks: (typeof lines)[] = []
  for (let i = 0; i < lines.length; i += rows) chunks.push(lines.slice(i, i + rows))
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text color={theme.header} bold>
        {' Keys — any key closes this'}
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
