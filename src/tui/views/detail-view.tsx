import { Box, Text } from 'ink'
import { useEffect, useRef, useState } from 'react'
import { terminalSafe } from '../../domain/terminal-text.ts'
import { useScreen, useTui } from '../context.ts'
import { useAsync } from '../hooks/use-async.ts'
import { detailLines, type Line } from './detail-lines.ts'

/** One ticket in full: fields, text, children, dependencies, comments and history. */
export function DetailView(props: {
  ticketKey: string
  width: number
  height: number
  onStep: (delta: number) => void
}) {
  const { service, theme, generation, now } = useTui()
  const { ticketKey: key, height } = props
  const loaded = useAsync(
    () =>
      Promise.all([
        service.getTicket(key),
        service.listDependencies(key),
        service.conversation(key),
      ]),
    [key, generation],
  )
  // The scroll position belongs to one ticket; stepping to another starts at its top.
  const [scrolled, setScrolled] = useState({ key, by: 0 })
  const scroll = scrolled.key === key ? scrolled.by : 0
  const setScroll = (f: number | ((n: number) => number)) =>
    setScrolled((s) => {
      const from = s.key === key ? s.by : 0
      return { key, by: typeof f === 'function' ? f(from) : f }
    })
  const [t, deps, conversation] = loaded.data ?? []
  const lines =
    t && deps && conversation ? detailLines(t, deps, conversation, props.width, now()) : []
  const maxScroll = Math.max(0, lines.length - height)
  // A comment that arrives live below the fold says so on the last row until scrolled to.
  const comments = conversation?.filter((e) => e.kind === 'comment').length
  const seen = useRef<{ key: string; comments: number | undefined }>({ key, comments })
  const [unseen, setUnseen] = useState(false)
  useEffect(() => {
    const before = seen.current
    seen.current = { key, comments }
    if (before.key !== key) setUnseen(false)
    else if (comments !== undefined && before.comments !== undefined && comments > before.comments)
      setUnseen(scroll < maxScroll)
  }, [key, comments, scroll, maxScroll])
  if (unseen && scroll >= maxScroll) setUnseen(false)
  const scrollBy = (d: number) => setScroll((s) => Math.min(maxScroll, Math.max(0, s + d)))

  useScreen(
    {
      handle(action) {
        if (action === 'up' || action === 'down') props.onStep(action === 'up' ? -1 : 1)
        else if (action === 'page-up' || action === 'page-down')
          scrollBy(action === 'page-up' ? -(height - 2) : height - 2)
        else if (action === 'top') setScroll(0)
        else if (action === 'bottom') setScroll(maxScroll)
        else return false
        return true
      },
      selected: () => (t?.key === key ? t : undefined),
      mouse(e) {
        if (e.kind !== 'click') scrollBy(e.kind === 'wheel-up' ? -3 : 3)
        return undefined
      },
    },
    true,
  )

  if (!t)
    return (
      <Text color={loaded.error ? 'red' : theme.muted}>
        {loaded.error
          ? terminalSafe(`could not load ${key}: ${(loaded.error as Error).message}`)
          : 'loading…'}
      </Text>
    )
  const colour = (l: Line) =>
    l.tone === 'heading'
      ? theme.header
      : l.tone === 'muted'
        ? theme.muted
        : l.tone === 'key' || l.tone === 'code'
          ? theme.accent
          : l.tone === 'warn'
            ? 'yellow'
            : l.tone
              ? theme.states[l.tone]
              : theme.fg
  return (
    <Box flexDirection="column" width={props.width} height={height} paddingX={1}>
      {lines.slice(scroll, scroll + height - (unseen ? 1 : 0)).map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity; the pane redraws by row.
        <Text key={`${scroll + i}`} color={colour(l)} bold={l.tone === 'heading'} wrap="truncate">
          {l.spans
            ? l.spans.map((x, j) => (
                <Text
                  // biome-ignore lint/suspicious/noArrayIndexKey: spans are positions in the line.
                  key={j}
                  bold={x.bold ?? false}
                  italic={x.italic ?? false}
                  {...(x.code ? { color: theme.accent } : {})}
                >
                  {x.text}
                </Text>
              ))
            : l.text || ' '}
        </Text>
      ))}
      {unseen && (
        <Text color={theme.selectionFg} backgroundColor={theme.selectionBg} bold>
          {' ↓ new comment below — G or End to see it '}
        </Text>
      )}
    </Box>
  )
}
