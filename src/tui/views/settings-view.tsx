import { Box, Text } from 'ink'
import { useScreen, useTui } from '../context.ts'
import { moveCursor } from '../cursor.ts'
import { useLiveCursor } from '../hooks/use-live-cursor.ts'
import { THEMES, type Theme } from '../themes.ts'

/**
 * Themes, each name drawn in its own accent with ● on the one in use; moving the cursor
 * previews a theme (reference/ui.md §3.2), Enter keeps it. P toggles remembering the session.
 */
export function SettingsView(props: {
  width: number
  height: number
  active: boolean
  current: Theme
  persist: boolean
  cursor: number | undefined
  setCursor: (n: number) => void
  preview: (t: Theme | undefined) => void
  choose: (t: Theme) => void
  togglePersist: () => void
}) {
  const { theme } = useTui()
  const cursor = props.cursor ?? THEMES.findIndex((t) => t.id === props.current.id)
  const live = useLiveCursor(cursor, props.setCursor)
  const go = (n: number) => {
    live.set(n)
    props.preview(THEMES[n])
  }
  useScreen(
    {
      handle(action) {
        if (action === 'select') {
          const t = THEMES[live.get()]
          if (t) props.choose(t)
          return true
        }
        if (action === 'toggle-persist') {
          props.togglePersist()
          return true
        }
        const to = moveCursor(action, live.get(), THEMES.length, THEMES.length)
        if (to === undefined) return false
        go(to)
        return true
      },
      mouse(e) {
        if (e.kind !== 'click') return e.kind === 'wheel-up' ? 'up' : 'down'
        const i = e.y - 2
        if (i < 0 || i >= THEMES.length) return undefined
        if (i === live.get()) return 'select'
        go(i)
        return undefined
      },
    },
    props.active,
  )
  return (
    <Box flexDirection="column" width={props.width} height={props.height}>
      <Text color={theme.header} bold>
        Settings
      </Text>
      <Text color={theme.muted}>Theme (↑/↓ previews, Enter keeps; t cycles from anywhere)</Text>
      {THEMES.map((t, i) => (
        <Text
          key={t.id}
          {...(i === cursor ? { backgroundColor: theme.selectionBg } : {})}
          wrap="truncate"
        >
          <Text
            color={theme.fg}
          >{`${i === cursor ? '▸' : ' '} ${t.id === props.current.id ? '●' : '○'} `}</Text>
          <Text color={t.accent} bold>
            {t.name.padEnd(20)}
          </Text>
          <Text color={theme.muted}>{t.id}</Text>
        </Text>
      ))}
      <Text> </Text>
      <Text color={theme.fg}>
        {`${props.persist ? '●' : '○'} remember view, filters, cursor and theme (P)`}
      </Text>
    </Box>
  )
}
