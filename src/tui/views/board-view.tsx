import { Box, Text } from 'ink'
import { useEffect, useReducer, useRef, useState } from 'react'
import { fitToWidth } from '../../domain/display-width.ts'
import { DEFAULT_STAGES } from '../../domain/lifecycle.ts'
import { STATE_SYMBOLS } from '../../domain/symbols.ts'
import { terminalSafe } from '../../domain/terminal-text.ts'
import type { Ticket } from '../../domain/ticket.ts'
import type { TicketFilter } from '../../service/ticket-service.ts'
import { useScreen, useTui } from '../context.ts'
import { moveCursor } from '../cursor.ts'
import type { TicketPages } from '../data/ticket-pages.ts'
import { parseFilter } from '../filter.ts'
import { useAsync } from '../hooks/use-async.ts'
import { usePages } from '../hooks/use-pages.ts'
import { useScroll } from '../hooks/use-scroll.ts'
import { resolveRow } from '../hooks/use-selection.ts'
import { laneAt, laneWidths } from '../lane-widths.ts'
import type { Theme } from '../themes.ts'

const CARD = 2
// The board's fallback cursor is one number in config.json: lane * LANE + row.
const LANE = 100_000

type LaneState = { pages: TicketPages; top: number }

/** The selected card's key and where it was last seen. */
type Selection = { readonly key: string | undefined; readonly lane: number; readonly row: number }

/**
 * Where the selection is on the board now: the lane and row of its card (its own lane
 * first, as a moved card shows in both lanes until each has reloaded), else the lane and
 * row it was last seen at.
 */
function locate(lanes: readonly (LaneState | undefined)[], count: number, s: Selection) {
  const lane = Math.min(s.lane, count - 1)
  if (s.key !== undefined) {
    const order = [lane, ...Array.from({ length: count }, (_, i) => i).filter((i) => i !== lane)]
    for (const l of order) {
      const row = lanes[l]?.pages.indexOf(s.key) ?? -1
      if (row >= 0) return { lane: l, row }
    }
  }
  const pages = lanes[lane]?.pages
  return { lane, row: pages ? resolveRow(pages, { id: undefined, row: s.row }) : s.row }
}

/** One lane per workflow stage; cards show state, key, priority, assignee and title. */
export function BoardView(props: {
  query: string
  width: number
  height: number
  active: boolean
  cursor: number
  /** The selected card's key: the cursor follows the card from lane to lane. */
  selected: string | undefined
  setCursor: (n: number, key?: string) => void
}) {
  const { service, project, me, theme } = useTui()
  // The lanes follow the project's workflow, read from any of its tickets.
  const stages =
    useAsync(async () => {
      if (!project) return DEFAULT_STAGES
      const [first] = await service.listTickets({ project, limit: 1, closed: true })
      return first ? (await service.getTicket(first.key)).stages : DEFAULT_STAGES
    }, [project]).data ?? DEFAULT_STAGES
  const parsed = parseFilter(props.query, me.username)
  const lanes = useRef<LaneState[]>([])
  // A lane that loaded new cards redraws the board, which decides where the cursor is.
  const [, redraw] = useReducer((n: number) => n + 1, 0)
  const saved: Selection = {
    key: props.selected,
    lane: Math.floor(props.cursor / LANE),
    row: props.cursor % LANE,
  }
  // Key handlers read and move the selection synchronously (see useSelection).
  const live = useRef(saved)
  const seen = useRef(saved)
  if (
    seen.current.key !== saved.key ||
    seen.current.lane !== saved.lane ||
    seen.current.row !== saved.row
  ) {
    seen.current = saved
    live.current = saved
  }
  const where = () => locate(lanes.current, stages.length, live.current)
  const { lane, row } = where()
  const laneNow = () => where().lane
  const rowNow = () => where().row
  // Which lanes are known to hold no cards, so a cramped board can narrow them.
  const [emptyLanes, setEmptyLanes] = useState<ReadonlySet<string>>(new Set())
  const widths = laneWidths(stages, (i) => emptyLanes.has(stages[i]!), lane, props.width)
  const cardRows = Math.max(1, Math.floor((props.height - 2) / CARD))
  const current = () => lanes.current[laneNow()]?.pages
  const set = (l: number, r: number) => {
    const next = { key: lanes.current[l]?.pages.at(r)?.key, lane: l, row: Math.max(0, r) }
    live.current = next
    seen.current = next
    props.setCursor(l * LANE + next.row, next.key)
  }

  useScreen(
    {
      handle(action) {
        const pages = current()
        const lane = laneNow()
        const row = rowNow()
        if (action === 'left' || action === 'right') {
          const to = Math.min(stages.length - 1, Math.max(0, lane + (action === 'left' ? -1 : 1)))
          const length = lanes.current[to]?.pages.length ?? 0
          set(to, Math.min(row, Math.max(0, length - 1)))
          return true
        }
        // Moving a card leaves the cursor on it: it follows the card's key into the new
        // lane once that lane has reloaded, and stays put when the move is refused.
        if (action === 'move-left' || action === 'move-right') return false
        const to = moveCursor(action, row, pages?.length ?? 0, cardRows)
        if (to === undefined) return false
        set(lane, to)
        return true
      },
      ready: () => current()?.ready ?? true,
      // What is highlighted is what an action follows (see useSelection's `selected`).
      selected() {
        const { lane, row } = where()
        const t = lanes.current[lane]?.pages.at(row)
        if (t) live.current = { key: t.key, lane, row }
        return t
      },
      neighbour(key, delta) {
        const pages = current()
        const i = pages?.indexOf(key) ?? -1
        return i < 0 ? undefined : pages?.at(i + delta)
      },
      mouse(e) {
        if (e.kind !== 'click') return e.kind === 'wheel-up' ? 'up' : 'down'
        const l = laneAt(widths, e.x)
        const state = lanes.current[l]
        if (!state || e.y < 2) return undefined
        const r = state.top + Math.floor((e.y - 2) / CARD)
        if (r >= state.pages.length) return undefined
        if (l === laneNow() && r === rowNow()) return 'open'
        set(l, r)
        return undefined
      },
    },
    props.active,
  )

  return (
    <Box width={props.width} height={props.height}>
      {stages.map((stage, i) => (
        <Lane
          key={stage}
          stage={stage}
          filter={{ project, ...parsed.filter, stage }}
          words={parsed.words}
          width={widths[i]!}
          cardRows={cardRows}
          cursor={i === lane ? row : undefined}
          theme={theme}
          report={(s) => {
            lanes.current[i] = s
          }}
          changed={redraw}
          setEmpty={(isEmpty) =>
            setEmptyLanes((now) => {
              if (now.has(stage) === isEmpty) return now
              const next = new Set(now)
              if (isEmpty) next.add(stage)
              else next.delete(stage)
              return next
            })
          }
        />
      ))}
    </Box>
  )
}

function Lane(props: {
  stage: string
  filter: TicketFilter
  words: string
  width: number
  cardRows: number
  cursor: number | undefined
  theme: Theme
  report: (s: LaneState) => void
  /** Called when the lane's cards changed, after they are drawn. */
  changed: () => void
  setEmpty: (empty: boolean) => void
}) {
  const { service, generation } = useTui()
  const { filter, words, theme, width } = props
  const pages = usePages(
    JSON.stringify([filter, words]),
    generation,
    ({ offset, after }, limit) =>
      filter.project === undefined
        ? Promise.resolve([])
        : words
          ? service.searchTickets(words, { ...filter, offset, limit })
          : service.listTickets({ ...filter, ...(after === undefined ? {} : { after }), limit }),
    filter.project === undefined || words ? undefined : () => service.countTickets(filter),
  )
  const cursor = props.cursor === undefined ? -1 : Math.min(props.cursor, pages.length - 1)
  const top = useScroll(Math.max(0, cursor), props.cardRows)
  pages.want(Math.max(cursor, top + props.cardRows))
  props.report({ pages, top })
  const { changed } = props
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new page arriving changes `pages.length`, not `pages`.
  useEffect(changed, [pages, pages.length, changed])
  const empty = pages.complete && pages.length === 0
  const { setEmpty } = props
  useEffect(() => setEmpty(empty), [empty, setEmpty])
  const count = pages.total ?? `${pages.length}+`
  return (
    <Box flexDirection="column" width={width} paddingRight={1}>
      <Text color={theme.header} bold wrap="truncate">
        {`${props.stage} (${count})`}
      </Text>
      <Text color={theme.border}>{'─'.repeat(Math.max(1, width - 1))}</Text>
      {pages.slice(top, top + props.cardRows).map((t, i) => (
        <Card
          key={t.key}
          ticket={t}
          selected={top + i === cursor}
          width={width - 1}
          theme={theme}
        />
      ))}
    </Box>
  )
}

function Card(props: { ticket: Ticket; selected: boolean; width: number; theme: Theme }) {
  const { ticket: t, selected, width, theme } = props
  const colours = selected ? { backgroundColor: theme.selectionBg, color: theme.selectionFg } : {}
  const top = `${STATE_SYMBOLS[t.state]} ${t.key} P${t.priority} ${t.assignee ? `@${t.assignee}` : ''}${t.blocked.length ? ' [blocked]' : ''}${t.labels.map((l) => ` #${l}`).join('')}`
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate" {...colours} {...(selected ? {} : { color: theme.states[t.state] })}>
        {fitToWidth(terminalSafe(top), width)}
      </Text>
      <Text wrap="truncate" {...colours} {...(selected ? {} : { color: theme.fg })}>
        {fitToWidth(terminalSafe(`  ${t.title}`), width)}
      </Text>
    </Box>
  )
}
