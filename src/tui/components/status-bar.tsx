import { Box, Text } from 'ink'
import { padToWidth } from '../../domain/display-width.ts'
import { terminalSafe } from '../../domain/terminal-text.ts'
import type { Theme } from '../themes.ts'

export type Message = { readonly text: string; readonly kind: 'info' | 'error' }

/**
 * The bottom row: the last message if there is one, else the keys that matter here; `aside`
 * (the server's version in remote mode) keeps the right end.
 */
export function StatusBar(props: {
  message: Message | undefined
  hints: string
  theme: Theme
  width: number
  aside?: string | undefined
}) {
  const { message, hints, theme, width, aside } = props
  const main = message ? message.text : hints
  const room = width - (aside ? aside.length + 2 : 0) - 1
  const text = aside
    ? `${main.length > room ? `${main.slice(0, room - 1)}…` : main.padEnd(room)} ${aside}`
    : main
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
