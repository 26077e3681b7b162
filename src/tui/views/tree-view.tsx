import { Box, Text } from 'ink'
import { useEffect } from 'react'
import { terminalSafe } from '../../domain/terminal-text.ts'
import type { Ticket } from '../../domain/ticket.ts'
import { keyWidthOf, TicketRow } from '../components/ticket-row.tsx'
import { useScreen, useTui } from '../context.ts'
import { moveCursor } from '../cursor.ts'
import { useScroll } from '../hooks/use-scroll.ts'
import { arrayRows, useSelection } from '../hooks/use-selection.ts'
import { useTreePages } from '../hooks/use-tree-pages.ts'
import { moreText, ROOTS, treeMarker, treeRowId, treeRows } from '../tree-rows.ts'

/**
 * The List as a hierarchy: top-level tickets, Space opens one to show its children
 * (reference/ui.md §3.2's tree, §1.6's hierarchy). It reads a page at a time (decision 0047):
 * the first 200 open top-level tickets, a ticket's children when it is opened, and the next
 * 200 of a level when Space is pressed on its "more" row; it shows every open top-level
 * ticket whatever the filter.
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
  const pages = useTreePages(project ?? '', generation, (input) =>
    project
      ? service.treePage({ project, ...input })
      : Promise.resolve({ tickets: [], total: 0, children: {} }),
  )
  const rows = treeRows(pages.levels, new Set(props.expanded))
  // An opened ticket whose children have not been asked for (opened in an earlier session,
  // or its level dropped by a reload): ask now.
  const missing = rows.flatMap((r) =>
    r.kind === 'more' && r.remaining === 0 && !pages.levels.has(r.parent) ? [r.parent] : [],
  )
  useEffect(() => {
    for (const parent of missing) pages.open(parent)
  })
  const height = Math.max(1, props.height - 1)
  const live = useSelection(
    arrayRows(rows, treeRowId),
    { id: props.selected, row: props.cursor },
    props.setCursor,
    treeRowId,
  )
  const cursor = live.get()
  const top = useScroll(cursor, height)
  const visible = rows.slice(top, top + height)
  const ticketAt = (i: number): Ticket | undefined => {
    const r = rows[i]
    return r?.kind === 'ticket' ? r.ticket : undefined
  }

  useScreen(
    {
      handle(action) {
        if (action === 'select') {
          const r = rows[live.get()]
          if (r?.kind === 'more') {
            // The cursor stays on this row, which the first ticket read takes.
            props.setCursor(live.get(), undefined)
            pages.more(r.parent)
          } else if (r && r.children > 0) {
            if (!r.expanded) pages.open(r.ticket.key)
            props.setExpanded(
              r.expanded
                ? props.expanded.filter((k) => k !== r.ticket.key)
                : [...props.expanded, r.ticket.key],
            )
          }
          return true
        }
        const to = moveCursor(action, live.get(), rows.length, height)
        if (to === undefined) return false
        live.set(to)
        return true
      },
      ready: () => pages.ready,
      selected: () => ticketAt(live.get()),
      neighbour(key, delta) {
        const i = rows.findIndex((r) => r.kind === 'ticket' && r.ticket.key === key)
        if (i < 0) return undefined
        for (let j = i + delta; j >= 0 && j < rows.length; j += delta) {
          const t = ticketAt(j)
          if (t) return t
        }
        return undefined
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

  const roots = pages.levels.get(ROOTS)
  const shown = rows.filter((r) => r.kind === 'ticket').length
  const cut = roots !== undefined && roots.tickets.length < roots.total
  const keyWidth = keyWidthOf(visible.flatMap((r) => (r.kind === 'ticket' ? [r.ticket] : [])))
  return (
    <Box flexDirection="column" width={props.width} height={props.height}>
      <Text wrap="truncate">
        <Text color={theme.header} bold>
          List as a tree
        </Text>
        <Text color={theme.muted}>
          {` · ${shown} shown${cut ? ` of ${roots.total} top-level` : ''} · Space opens or closes · v for the flat list`}
        </Text>
      </Text>
      {pages.error !== undefined && (
        <Text color="red">
          {terminalSafe(`  could not load: ${(pages.error as Error).message}`)}
        </Text>
      )}
      {!pages.ready && <Text color={theme.muted}> loading…</Text>}
      {visible.map((r, i) =>
        r.kind === 'ticket' ? (
          <TicketRow
            key={r.ticket.key}
            ticket={r.ticket}
            width={props.width}
            selected={top + i === cursor}
            theme={theme}
            keyWidth={keyWidth}
            prefix={treeMarker(r)}
          />
        ) : (
          <Text
            key={treeRowId(r)}
            wrap="truncate"
            color={top + i === cursor ? theme.selectionFg : theme.muted}
            {...(top + i === cursor ? { backgroundColor: theme.selectionBg } : {})}
          >
            {`${top + i === cursor ? '▸ ' : '  '}${moreText(r, pages.pageSize)}`}
          </Text>
        ),
      )}
    </Box>
  )
}
