import { Box, Text } from 'ink'
import type { Project } from '../../domain/project.ts'
import { terminalSafe } from '../../domain/terminal-text.ts'
import { useScreen, useTui } from '../context.ts'
import { moveCursor } from '../cursor.ts'
import { useAsync } from '../hooks/use-async.ts'
import { useScroll } from '../hooks/use-scroll.ts'
import { arrayRows, useSelection } from '../hooks/use-selection.ts'

/** The project switcher: ● marks the active one; Enter uses it, e edits, n creates. */
export function ProjectsView(props: {
  width: number
  height: number
  active: boolean
  cursor: number
  /** The selected project's prefix. */
  selected: string | undefined
  setCursor: (row: number, prefix?: string) => void
  use: (p: Project) => void
  edit: (prefix: string | undefined) => void
}) {
  const { service, project, theme, generation } = useTui()
  const loaded = useAsync(() => service.listProjects(), [generation])
  const projects = loaded.data ?? []
  const rows = Math.max(1, props.height - 1)
  const live = useSelection(
    arrayRows(projects, (p) => p.prefix),
    { id: props.selected, row: props.cursor },
    props.setCursor,
    (p) => p.prefix,
  )
  const cursor = live.get()
  const top = useScroll(cursor, rows)

  useScreen(
    {
      handle(action) {
        const p = projects[live.get()]
        if (action === 'select') {
          if (p) props.use(p)
          return true
        }
        if (action === 'edit' || action === 'new') {
          props.edit(action === 'edit' ? p?.prefix : undefined)
          return true
        }
        if (action === 'open') return true
        const to = moveCursor(action, live.get(), projects.length, rows)
        if (to === undefined) return false
        live.set(to)
        return true
      },
      mouse(e) {
        if (e.kind !== 'click') return e.kind === 'wheel-up' ? 'up' : 'down'
        const i = top + e.y - 1
        if (e.y < 1 || i >= projects.length) return undefined
        if (i === live.get()) return 'select'
        live.set(i)
        return undefined
      },
    },
    props.active,
  )

  return (
    <Box flexDirection="column" width={props.width} height={props.height}>
      <Text color={theme.header} bold>
        {`Projects · ${projects.length}`}
      </Text>
      {loaded.error !== undefined && <Text color="red">{terminalSafe(String(loaded.error))}</Text>}
      {projects.slice(top, top + rows).map((p, i) => {
        const selected = top + i === cursor
        return (
          <Text
            key={p.prefix}
            wrap="truncate"
            {...(selected ? { backgroundColor: theme.selectionBg, color: theme.selectionFg } : {})}
          >
            <Text color={selected ? theme.selectionFg : theme.accent}>
              {p.prefix === project ? '● ' : '  '}
            </Text>
            <Text bold>{p.prefix.padEnd(6)}</Text>
            <Text>{terminalSafe(p.title)}</Text>
            <Text color={selected ? theme.selectionFg : theme.muted}>
              {terminalSafe(
                `${p.status === 'closed' ? ' (closed)' : ''}  ${p.description.split('\n')[0] ?? ''}`,
              )}
            </Text>
          </Text>
        )
      })}
    </Box>
  )
}
