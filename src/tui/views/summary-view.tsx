import { Box, Text } from 'ink'
import type { ReactNode } from 'react'
import { describeEvent } from '../../domain/describe-event.ts'
import { ago } from '../../domain/format.ts'
import { terminalSafe } from '../../domain/terminal-text.ts'
import type { Ticket } from '../../domain/ticket.ts'
import { keyWidthOf, TicketRow } from '../components/ticket-row.tsx'
import { useScreen, useTui } from '../context.ts'
import { moveCursor } from '../cursor.ts'
import { useAsync } from '../hooks/use-async.ts'
import { useScroll } from '../hooks/use-scroll.ts'
import { arrayRows, useSelection } from '../hooks/use-selection.ts'

const RECENT = 6

/** The project at a glance: counts, active tickets, epics and recent activity. */
export function SummaryView(props: {
  width: number
  height: number
  active: boolean
  cursor: number
  selected: string | undefined
  setCursor: (row: number, key?: string) => void
}) {
  const { service, project, projectInfo, theme, generation, now } = useTui()
  const loaded = useAsync(
    () =>
      project
        ? Promise.all([
            service.summary(project),
            service.listTickets({ project, type: 'epic', limit: 100 }),
          ])
        : Promise.resolve(undefined),
    [project, generation],
  )
  const [summary, epics = []] = loaded.data ?? []
  const activeTickets = summary?.active ?? []
  const recent = summary?.activity.slice(0, RECENT) ?? []
  const items: Ticket[] = [...activeTickets, ...epics]
  const listRows = Math.max(2, props.height - 6 - RECENT)
  const live = useSelection(
    arrayRows(items, (t) => t.key),
    { id: props.selected, row: props.cursor },
    props.setCursor,
    (t) => t.key,
  )
  const cursor = live.get()
  const top = useScroll(cursor, listRows)

  useScreen(
    {
      handle(action) {
        const to = moveCursor(action, live.get(), items.length, listRows)
        if (to === undefined) return false
        live.set(to)
        return true
      },
      selected: live.selected,
      neighbour(key, delta) {
        const i = items.findIndex((t) => t.key === key)
        return i < 0 ? undefined : items[i + delta]
      },
      mouse(e) {
        if (e.kind !== 'click') return e.kind === 'wheel-up' ? 'up' : 'down'
        return undefined
      },
    },
    props.active,
  )

  if (!project)
    return (
      <Text color={theme.muted}>
        No active project: press 5 (Projects) to choose or create one.
      </Text>
    )
  const keyWidth = keyWidthOf(items)
  const rows: ReactNode[] = []
  items.slice(top, top + listRows).forEach((t, i) => {
    const index = top + i
    if (index === 0 && activeTickets.length > 0) rows.push(heading('Active', `h-a`))
    if (index === activeTickets.length) rows.push(heading('Epics', 'h-e'))
    rows.push(
      <TicketRow
        key={t.key}
        ticket={t}
        width={props.width}
        selected={index === cursor}
        theme={theme}
        keyWidth={keyWidth}
      />,
    )
  })
  function heading(text: string, key: string) {
    return (
      <Text key={key} color={theme.accent} bold>
        {text}
      </Text>
    )
  }
  return (
    <Box flexDirection="column" width={props.width} height={props.height}>
      <Text color={theme.header} bold wrap="truncate">
        {terminalSafe(
          projectInfo ? `${projectInfo.title} (${projectInfo.prefix})` : (project ?? ''),
        )}
      </Text>
      <Text color={theme.fg}>
        {summary
          ? `${summary.open_tickets} open · ${activeTickets.length} active · ${summary.type_counts.epic ?? 0} ${summary.type_counts.epic === 1 ? 'epic' : 'epics'} · ${summary.blocked} blocked`
          : ' '}
      </Text>
      <Box flexDirection="column" height={listRows + 2}>
        {items.length === 0 ? (
          <Text color={theme.muted}>
            {loaded.loading ? 'loading…' : 'nothing active and no epics yet: n creates a ticket'}
          </Text>
        ) : (
          rows
        )}
      </Box>
      <Text color={theme.accent} bold>
        Recent activity
      </Text>
      {recent.map((e) => (
        <Text key={e.id} color={theme.muted} wrap="truncate">
          {terminalSafe(
            `  ${ago(e.created_at, now()).padEnd(9)} ${(e.actor_name ?? e.actor).padEnd(10)} ${(e.ticket_key ?? '-').padEnd(10)} ${describeEvent(e)}`,
          )}
        </Text>
      ))}
    </Box>
  )
}
