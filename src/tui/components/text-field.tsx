import { Text } from 'ink'
import { terminalSafe } from '../../domain/terminal-text.ts'
import type { TextEdit } from '../text-edit.ts'
import type { Theme } from '../themes.ts'

/** A text with its cursor drawn as an inverted cell when the field has focus. */
export function TextField(props: {
  edit: TextEdit
  focused: boolean
  theme: Theme
  width: number
}) {
  const { edit, focused, theme, width } = props
  const lines = edit.value.split('\n')
  if (!focused)
    return (
      <Text color={theme.fg} wrap="truncate">
        {terminalSafe(lines[0]?.slice(0, width) ?? '')}
        {lines.length > 1 ? <Text color={theme.muted}>{` (+${lines.length - 1} lines)`}</Text> : ''}
      </Text>
    )
  // Show the line holding the cursor, scrolled so the cursor stays inside `width`.
  const before = edit.value.slice(0, edit.cursor)
  const lineNo = before.split('\n').length - 1
  const line = lines[lineNo] ?? ''
  const col = before.length - (before.lastIndexOf('\n') + 1)
  const start = Math.max(0, col - width + 2)
  const shown = line.slice(start, start + width - 1)
  const at = col - start
  return (
    <Text color={theme.fg} wrap="truncate">
      {terminalSafe(shown.slice(0, at))}
      <Text inverse>{terminalSafe(shown[at] ?? ' ')}</Text>
      {terminalSafe(shown.slice(at + 1))}
      {lines.length > 1 ? (
        <Text color={theme.muted}>{` (line ${lineNo + 1}/${lines.length})`}</Text>
      ) : (
        ''
      )}
    </Text>
  )
}
