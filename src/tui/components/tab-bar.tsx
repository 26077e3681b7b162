import { Box, Text } from 'ink'
import { terminalSafe } from '../../domain/terminal-text.ts'
import type { Theme } from '../themes.ts'
import { VIEW_TITLES, VIEWS, type View } from '../tui-state.ts'

const LEAD = ' tk '
const SEP = ' │ '

/** The column range of each tab, so a click can be mapped back to its view. */
export function tabRanges(): { view: View; from: number; to: number }[] {
  let x = LEAD.length
  return VIEWS.map((view, i) => {
    const label = `${i + 1} ${VIEW_TITLES[view]}`
    const range = { view, from: x, to: x + label.length }
    x += label.length + SEP.length
    return range
  })
}

export const tabAt = (x: number): View | undefined =>
  tabRanges().find((r) => x >= r.from && x < r.to)?.view

/**
 * The row of views across the top, with the active project at the right, or a badge while
 * the server cannot be reached.
 */
export function TabBar(props: {
  view: View
  theme: Theme
  project: string
  width: number
  offline?: boolean
}) {
  const { view, theme, project, width, offline } = props
  return (
    <Box width={width} height={1}>
      <Box flexGrow={1}>
        <Text wrap="truncate">
          <Text color={theme.header} bold>
            {LEAD}
          </Text>
          {VIEWS.map((v, i) => (
            <Text key={v}>
              {i > 0 && <Text color={theme.border}>{SEP}</Text>}
              {v === view ? (
                <Text backgroundColor={theme.selectionBg} color={theme.selectionFg} bold>
                  {`${i + 1} ${VIEW_TITLES[v]}`}
                </Text>
              ) : (
                <Text color={theme.muted}>{`${i + 1} ${VIEW_TITLES[v]}`}</Text>
              )}
            </Text>
          ))}
        </Text>
      </Box>
      {offline ? (
        <Text backgroundColor="red" color="white" bold>
          {' disconnected — retrying '}
        </Text>
      ) : (
        <Text color={theme.accent} wrap="truncate">
          {terminalSafe(project)}{' '}
        </Text>
      )}
    </Box>
  )
}
