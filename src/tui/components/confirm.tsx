import { Box, Text } from 'ink'
import { terminalSafe } from '../../domain/terminal-text.ts'
import { useScreen, useTui } from '../context.ts'

/** A yes/no question in the status row: `y` confirms, anything else declines. */
export function Confirm(props: { question: string; width: number; done: (yes: boolean) => void }) {
  const { theme } = useTui()
  useScreen(
    { handle: () => false, input: (input) => props.done(input === 'y' || input === 'Y') },
    true,
  )
  return (
    <Box width={props.width} height={1}>
      <Text color={theme.accent} bold wrap="truncate">
        {terminalSafe(`${props.question} (y/n)`)}
      </Text>
    </Box>
  )
}
