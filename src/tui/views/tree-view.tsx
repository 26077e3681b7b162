import { Box, Text } from 'ink'
import { terminalSafe } from '../../domain/terminal-text.ts'
import { keyWidthOf, TicketRow } from '../components/ticket-row.tsx'
import { useScreen, useTui } from '../context.ts'
import { moveCursor } from '../cursor.ts'
import { useAsync } from '../hooks/use-async.ts'
import { useScroll } from '../hooks/use-scroll.ts'
import { arrayRows, useSelection } from '../hooks/use-selection.ts'
import { treeMarker, treeRows } from '../tree-rows.ts'

/**
 * The List as a hierarchy: top-level tickets, Space opens one to show its children
 * (reference/ui.md §3.2's tree, §1.6's hierarchy). It reads the whole tree at once, unlike
 * the paged flat list, and shows every open top-level ticket whatever the filter.
 */
export function TreeView(props: {
  width: number
  height: number
  active: boolean
  cursor: number
  selected: string | undefined
  setCursor: (row: number, key?: string) => void
  expanded: readonly string[]
  setExpanded: (keys: string[]) => void
}) {
  const { service, project, theme, generation } = useTui()
  const loaded = useAsync(
    () => (project ? service.tree({ project }) : Promise.resolve([])),
    [project, generation],
  )
  const rows = treeRows(loaded.data ?? [], new Set(props.expanded))
  const height = Math.max(1, props.height - 1)
  const live = useSelection(
    arrayRows(rows, (r) => r.ticket.key),
    { id: props.selected, row: props.cursor },
    props.setCursor,
    (r) => r.ticket.key,
  )
  const cursor = live.get()
  const top = useScroll(cursor, height)
  const visible = rows.slice(top, top + height)

  useScreen(
    {
      handle(action) {
        if (action === 'select') {
          const r = rows[live.get()]
          if (r && r.children > 0)
            props.setExpanded(
              r.expanded
                ? props.expanded.filter((k) => k !== r.ticket.key)
                : [...props.expanded, r.ticket.key],
            )
          return true
        }
        const to = moveCursor(action, live.get(), rows.length, height)
        if (to === undefined) return false
        live.set(to)
        return true
      },
      ready: () => !loaded.loading || loaded.data !== undefined,
      selected: () => live.selected()?.ticket,
      neighbour(key, delta) {
        const i = rows.findIndex((r) => r.ticket.key === key)
        return i < 0 ? undefined : rows[i + delta]?.ticket
      },
      mouse(e) {
        if (e.kind !== 'click') return e.kind === 'wheel-up' ? 'up' : 'down'
        const i = top + e.y - 1
        if (e.y < 1 || i >= rows.length) return undefined
        if (i === live.get()) return 'select'
        live.set(i)
        return undefined
      },
    },
    props.active,
  )

  const keyWidth = keyWidthOf(visible.map((r) => r.ticket))
  return (
    <Box flexDirection="column" width={props.width} height={props.height}>
      <Text wrap="truncate">
        <Text color={theme.header} bold>
          List as a tree
        </Text>
        <Text color={theme.muted}>
          {` · ${rows.length} shown · Space opens or closes · v for the flat list`}
        </Text>
      </Text>
      {loaded.error !== undefined && <Text color="red">{terminalSafe(String(loaded.error))}</Text>}
      {loaded.data === undefined && <Text color={theme.muted}> loading…</Text>}
      {visible.map((r, i) => (
        <TicketRow
          key={r.ticket.key}
          ticket={r.ticket}
          width={props.width}
          selected={top + i === cursor}
          theme={theme}
          keyWidth={keyWidth}
          prefix={treeMarker(r)}
        />
      ))}
    </Box>
  )
}
