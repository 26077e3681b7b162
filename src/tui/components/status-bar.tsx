import { Box, Text } from 'ink'
import { padToWidth } from '../../domain/display-width.ts'
import { terminalSafe } from '../../domain/terminal-text.ts'
import type { Theme } from '../themes.ts'

export type Message = { readonly text: string; readonly kind: 'info' | 'error' }

/** The bottom row: the last message if there is one, else the keys that matter here. */
export function StatusBar(props: {
  message: Message | undefined
  hints: string
  theme: Theme
  width: number
}) {
  const { message, hints, theme, width } = props
  const text = message ? message.text : hints
  return (
    <Box width={width} height={1}>
      <Text
        wrap="truncate"
        backgroundColor={message?.kind === 'error' ? 'red' : theme.statusBg}
        color={message?.kind === 'error' ? 'white' : theme.statusFg}
      >
        {padToWidth(` ${terminalSafe(text)}`, width)}
      </Text>
    </Box>
  )
}
