import { Box, Text } from 'ink'
import { terminalSafe } from '../../domain/terminal-text.ts'
import { useScroll } from '../hooks/use-scroll.ts'
import type { TextEdit } from '../text-edit.ts'
import type { Theme } from '../themes.ts'

/**
 * A text with its cursor drawn as an inverted cell when the field has focus. With `rows`
 * above 1 (a text area) the focused field shows that many lines, scrolled so the cursor's
 * line stays in view; unfocused, it shows its first line and how many follow.
 */
export function TextField(props: {
  edit: TextEdit
  focused: boolean
  theme: Theme
  width: number
  rows?: number
}) {
  const { edit, focused, theme, width } = props
  const rows = props.rows ?? 1
  const lines = edit.value.split('\n')
  const before = edit.value.slice(0, edit.cursor)
  const lineNo = before.split('\n').length - 1
  const top = useScroll(lineNo, rows)
  if (!focused)
    return (
      <Text color={theme.fg} wrap="truncate">
        {terminalSafe(lines[0]?.slice(0, width) ?? '')}
        {lines.length > 1 ? <Text color={theme.muted}>{` (+${lines.length - 1} lines)`}</Text> : ''}
      </Text>
    )
  const col = before.length - (before.lastIndexOf('\n') + 1)
  const where =
    lines.length > 1 ? (
      <Text color={theme.muted}>{` (line ${lineNo + 1}/${lines.length})`}</Text>
    ) : (
      ''
    )
  if (rows === 1)
    return (
      <CursorLine line={lines[lineNo] ?? ''} col={col} width={width} theme={theme} after={where} />
    )
  const shown = lines.slice(top, top + rows)
  return (
    <Box flexDirection="column" height={rows}>
      {shown.map((line, i) =>
        top + i === lineNo ? (
          <CursorLine
            // biome-ignore lint/suspicious/noArrayIndexKey: lines are positions in the text.
            key={top + i}
            line={line}
            col={col}
            width={width}
            theme={theme}
            after={where}
          />
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines are positions in the text.
          <Text key={top + i} color={theme.fg} wrap="truncate">
            {terminalSafe(line.slice(0, width)) || ' '}
          </Text>
        ),
      )}
    </Box>
  )
}

/** One line with the cursor, scrolled sideways so the cursor stays inside `width`. */
function CursorLine(props: {
  line: string
  col: number
  width: number
  theme: Theme
  after: React.ReactNode
}) {
  const { line, col, width, theme } = props
  const start = Math.max(0, col - width + 2)
  const shown = line.slice(start, start + width - 1)
  const at = col - start
  return (
    <Text color={theme.fg} wrap="truncate">
      {terminalSafe(shown.slice(0, at))}
      <Text inverse>{terminalSafe(shown[at] ?? ' ')}</Text>
      {terminalSafe(shown.slice(at + 1))}
      {props.after}
    </Text>
  )
}
