import { Box, Text } from 'ink'
import { plural } from '../../domain/format.ts'
import { terminalSafe } from '../../domain/terminal-text.ts'
import type { Ticket } from '../../domain/ticket.ts'
import type { TicketFilter } from '../../service/ticket-service.ts'
import { keyWidthOf, TicketRow } from '../components/ticket-row.tsx'
import { useScreen, useTui } from '../context.ts'
import { moveCursor } from '../cursor.ts'
import { parseFilter } from '../filter.ts'
import { usePages } from '../hooks/use-pages.ts'
import { useScroll } from '../hooks/use-scroll.ts'
import { useSelection } from '../hooks/use-selection.ts'

export type ListViewProps = {
  readonly title: string
  /** The `/` query. */
  readonly query: string
  /** Terms this view always applies (Ideas: requirements only). */
  readonly fixed?: Partial<TicketFilter>
  readonly cursor: number
  /** The selected ticket's key; the cursor follows it when the rows re-sort. */
  readonly selected: string | undefined
  readonly setCursor: (row: number, key?: string) => void
  readonly width: number
  readonly height: number
  readonly active: boolean
}

/**
 * Tickets of the active project, filtered, one per line. Only the rows on screen are drawn,
 * and a page of 200 is read (by key, after the last one) as the cursor nears the end of what
 * has arrived, so 100,000 tickets cost what the user scrolls through, with their total counted.
 */
export function ListView(props: ListViewProps) {
  const { service, project, me, theme, generation } = useTui()
  const parsed = parseFilter(props.query, me.username)
  const filter: TicketFilter = { project, ...parsed.filter, ...props.fixed }
  const pages = usePages(
    JSON.stringify([filter, parsed.words]),
    generation,
    ({ offset, after }, limit) =>
      project === undefined
        ? Promise.resolve([])
        : parsed.words
          ? service.searchTickets(parsed.words, { ...filter, offset, limit })
          : service.listTickets({ ...filter, ...(after === undefined ? {} : { after }), limit }),
    // A search's matches are counted as they arrive; a list's total is one count.
    project === undefined || parsed.words ? undefined : () => service.countTickets(filter),
  )
  const rows = Math.max(1, props.height - 1)
  const live = useSelection(
    pages,
    { id: props.selected, row: props.cursor },
    props.setCursor,
    (t) => t.key,
  )
  const cursor = live.get()
  const top = useScroll(cursor, rows)
  const visible = pages.slice(top, top + rows)
  // The next page is read as the screen nears the end of what has arrived.
  pages.want(Math.max(cursor, top + rows))

  useScreen(
    {
      handle(action) {
        const to = moveCursor(action, live.get(), pages.length, rows)
        if (to === undefined) return false
        live.set(to)
        return true
      },
      ready: () => pages.ready,
      selected: live.selected,
      neighbour(key, delta) {
        const i = pages.indexOf(key)
        return i < 0 ? undefined : pages.at(i + delta)
      },
      mouse(e) {
        if (e.kind !== 'click') return e.kind === 'wheel-up' ? 'up' : 'down'
        const i = top + e.y - 1
        if (e.y < 1 || i >= pages.length) return undefined
        if (i === live.get()) return 'open'
        live.set(i)
        return undefined
      },
    },
    props.active,
  )

  const count =
    pages.total !== undefined
      ? `${plural(pages.total, 'ticket')}${pages.complete ? '' : ` · ${pages.length} loaded`}`
      : `${pages.length}+ tickets`
  const status = pages.error
    ? `could not load: ${(pages.error as Error).message}`
    : project === undefined
      ? 'no active project: press 5 to choose one'
      : !pages.ready
        ? 'loading…'
        : pages.length === 0
          ? 'no tickets match'
          : ''
  return (
    <Box flexDirection="column" width={props.width} height={props.height}>
      <Text wrap="truncate">
        <Text color={theme.header} bold>
          {props.title}
        </Text>
        <Text color={theme.muted}>
          {' · '}
          {count}
          {props.query ? ` · filter: ${props.query}` : ''}
          {parsed.problems.length > 0 ? ` · ${parsed.problems.join(', ')}` : ''}
        </Text>
      </Text>
      {status !== '' && (
        <Text color={pages.error ? 'red' : theme.muted}>{terminalSafe(`  ${status}`)}</Text>
      )}
      {visible.map((t: Ticket, i) => (
        <TicketRow
          key={t.key}
          ticket={t}
          width={props.width}
          selected={top + i === cursor}
          theme={theme}
          keyWidth={keyWidthOf(visible)}
        />
      ))}
    </Box>
  )
}
