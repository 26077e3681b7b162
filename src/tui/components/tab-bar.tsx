import { Box, Text } from 'ink'
import { terminalSafe } from '../../domain/terminal-text.ts'
import type { Theme } from '../themes.ts'
import { VIEW_TITLES, VIEWS, type View } from '../tui-state.ts'

const LEAD = ' tk '
const SEP = ' │ '

/** Room the project's name keeps at the right before the tab titles shorten (up to 30). */
const projectRoom = (project: string) => Math.min(30, project.length + 2)

/**
 * The tabs' labels for a bar `width` wide. Every tab stays on screen: the full titles when
 * they fit beside the project, else four letters (the project gives way first), else only the
 * number (the active tab keeps its title).
 */
function tabLabels(view: View, width: number, project: string): string[] {
  const fits = (labels: string[], room = 0) => LEAD.length + labels.join(SEP).length + room <= width
  const full = VIEWS.map((v, i) => `${i + 1} ${VIEW_TITLES[v]}`)
  if (fits(full, projectRoom(project))) return full
  const short = VIEWS.map((v, i) =>
    v === view ? full[i]! : `${i + 1} ${VIEW_TITLES[v].slice(0, 4)}`,
  )
  if (fits(short)) return short
  return VIEWS.map((v, i) => (v === view ? full[i]! : `${i + 1}`))
}

/** The column range of each tab, so a click can be mapped back to its view. */
export function tabRanges(
  view: View,
  width: number,
  project: string,
): { view: View; from: number; to: number }[] {
  let x = LEAD.length
  return tabLabels(view, width, project).map((label, i) => {
    const range = { view: VIEWS[i]!, from: x, to: x + label.length }
    x += label.length + SEP.length
    return range
  })
}

export const tabAt = (x: number, view: View, width: number, project: string): View | undefined =>
  tabRanges(view, width, project).find((r) => x >= r.from && x < r.to)?.view

/**
 * The row of views across the top, with the active project at the right (shortened first
 * when space is short), or a badge while the server cannot be reached.
 */
export function TabBar(props: {
  view: View
  theme: Theme
  project: string
  width: number
  offline?: boolean
}) {
  const { view, theme, project, width, offline } = props
  const labels = tabLabels(view, width, project)
  return (
    <Box width={width} height={1}>
      <Box flexShrink={0}>
        <Text wrap="truncate">
          <Text color={theme.header} bold>
            {LEAD}
          </Text>
          {VIEWS.map((v, i) => (
            <Text key={v}>
              {i > 0 && <Text color={theme.border}>{SEP}</Text>}
              {v === view ? (
                <Text backgroundColor={theme.selectionBg} color={theme.selectionFg} bold>
                  {labels[i]}
                </Text>
              ) : (
                <Text color={theme.muted}>{labels[i]}</Text>
              )}
            </Text>
          ))}
        </Text>
      </Box>
      <Box flexGrow={1} flexShrink={1} justifyContent="flex-end" overflow="hidden">
        {offline ? (
          <Text backgroundColor="red" color="white" bold wrap="truncate">
            {' disconnected — retrying '}
          </Text>
        ) : (
          <Text color={theme.accent} wrap="truncate">
            {` ${terminalSafe(project)} `}
          </Text>
        )}
      </Box>
    </Box>
  )
}
