import {
  AutoScrollActivator,
  type CollisionDetection,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  MeasuringStrategy,
  MouseSensor,
  pointerWithin,
  rectIntersection,
  TouchSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core'
import { Tabs } from 'radix-ui'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useLocation } from 'wouter'
import type { Ticket } from '../../../../src/domain/ticket.ts'
import { byBoardOrder, laneStages } from '../../../../src/domain/views.ts'
import { useBoard, useLoadMore } from '../../api/board.ts'
import { useCanWrite, useProjectStages, useTickets } from '../../api/queries.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { useNewTicket } from '../../components/new-ticket.ts'
import { EmptyState, LoadingState } from '../../components/states.tsx'
import { Button } from '../../components/ui.tsx'
import { FilterBar } from '../filters/filter-bar.tsx'
import { anyFilter, matches, NO_FILTERS, useFilters } from '../filters/use-filters.ts'
import { CardFace } from './board-card.tsx'
import { BoardLane, type LaneScrollers } from './board-lane.tsx'
import { BoardSummary, useSummary } from './board-summary.tsx'
import { parseDropId } from './state-targets.tsx'
import { useBoardKeys } from './use-board-keys.ts'
import { useBoardMoves } from './use-board-moves.ts'

// State targets appear only once a drag starts, so drop areas are measured throughout a drag.
const MEASURING = { droppable: { strategy: MeasuringStrategy.Always } }

// A state target lies inside its lane, and a card inside its lane too: under the pointer,
// the target wins over a card, and a card over the lane.
const collide: CollisionDetection = (args) => {
  const under = pointerWithin(args)
  const target = under.find((c) => String(c.id).includes('::'))
  if (target) return [target]
  const card = under.find((c) => String(c.id).startsWith(CARD_DROP))
  if (card) return [card]
  return under.length ? under : rectIntersection(args)
}
const CARD_DROP = 'card:'

// dnd-kit scrolls a lane (or the board) while the pointer is near its edge, on a timer, even
// with the pointer still: the card under a still pointer would scroll away. The lanes scroll
// only from the pointer (not the dragged card's edges), only in the outer 10 % of a lane, and
// only while the pointer moves (it stops AUTOSCROLL_REST ms after the pointer does).
const AUTOSCROLL_REST = 150
// The page itself never scrolls under a drag: the board fits the window and its lanes scroll.
const AUTOSCROLL = {
  activator: AutoScrollActivator.Pointer,
  threshold: { x: 0.1, y: 0.1 },
  canScroll: (el: Element) =>
    el.classList.contains('lane-scroll') || el.classList.contains('board'),
}

/** Whether the pointer moved in the last moments of a drag (false when no drag is going on). */
function usePointerMoving(dragging: boolean) {
  const [moving, setMoving] = useState(false)
  useEffect(() => {
    if (!dragging) return setMoving(false)
    let rest: ReturnType<typeof setTimeout> | undefined
    const onMove = () => {
      setMoving(true)
      clearTimeout(rest)
      rest = setTimeout(() => setMoving(false), AUTOSCROLL_REST)
    }
    window.addEventListener('pointermove', onMove, { passive: true })
    window.addEventListener('touchmove', onMove, { passive: true })
    return () => {
      clearTimeout(rest)
      window.removeEventListener('pointermove', onMove)
      window.removeEventListener('touchmove', onMove)
    }
  }, [dragging])
  return moving
}

export function BoardPage({ prefix }: { prefix: string }) {
  const [filters, setFilters] = useFilters()
  // Unfiltered, the board is read a page per lane with each lane's count (api/board.ts); a
  // filter reads the project's matching tickets and lays them out here, as before.
  const filtered = anyFilter(filters)
  const paged = useBoard(prefix, !filtered)
  const tickets = useTickets(prefix, {}, filtered)
  const loadMore = useLoadMore(prefix)
  const scrollers = useRef<LaneScrollers>(new Map()).current
  const stages = useProjectStages(prefix)
  const summary = useSummary(prefix)
  const stalled = useMemo(() => new Set(summary.data?.stalled.map((t) => t.key)), [summary.data])
  const [dragged, setDragged] = useState<Ticket | null>(null)
  const [, navigate] = useLocation()
  const moves = useBoardMoves(prefix)
  const board = useRef<HTMLDivElement>(null)
  // A drag ends with a click on the card's link; that click must not open the ticket.
  const justDragged = useRef(false)
  // A mouse drags after moving 6 px; a finger after a short press, so a swipe still scrolls.
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
  )
  const [shownLane, setShownLane] = useState('')
  const editable = useCanWrite(prefix)

  const all = filtered ? tickets.data : undefined
  // Lanes wait for the workflow: lanes that changed order under a swiped board would move it.
  const lanes = useMemo(() => {
    if (!filtered) return paged.data?.lanes.map((l) => l.stage) ?? []
    return stages && all ? laneStages(stages, new Set(all.map((t) => t.stage))) : []
  }, [filtered, paged.data, stages, all])
  // Cards in board order (priority, then the order the server keeps), and each lane's count.
  const { byLane, totals } = useMemo(() => {
    const byLane = new Map<string, readonly Ticket[]>()
    const totals = new Map<string, number>()
    if (!filtered) {
      for (const l of paged.data?.lanes ?? []) {
        byLane.set(l.stage, l.tickets)
        totals.set(l.stage, l.total)
      }
      return { byLane, totals }
    }
    const m = new Map<string, Ticket[]>(lanes.map((l) => [l, []]))
    for (const t of all ?? []) if (!t.archived && matches(t, filters)) m.get(t.stage)?.push(t)
    for (const [stage, list] of m) {
      list.sort(byBoardOrder)
      byLane.set(stage, list)
      totals.set(stage, list.length)
    }
    return { byLane, totals }
  }, [filtered, paged.data, all, lanes, filters])
  const shown = [...totals.values()].reduce((n, l) => n + l, 0)
  const query = filtered ? tickets : paged
  const empty = query.isSuccess && shown === 0 && !filtered
  const newTicket = useNewTicket()
  // On a phone the lanes are swiped one per screen; the tab of the lane in view is selected.
  const laneInView = shownLane || lanes[0] || ''
  const panels = () => [...(board.current?.children ?? [])] as HTMLElement[]
  const showLane = (stage: string) => {
    const panel = panels()[lanes.indexOf(stage)]
    if (panel) board.current?.scrollTo({ left: panel.offsetLeft, behavior: 'smooth' })
    setShownLane(stage)
  }
  const onScroll = () => {
    const left = board.current?.scrollLeft ?? 0
    const offsets = panels().map((p) => Math.abs(p.offsetLeft - left))
    const lane = lanes[offsets.indexOf(Math.min(...offsets))]
    if (lane && lane !== shownLane) setShownLane(lane)
  }
  const find = (key: string) => {
    for (const list of byLane.values()) {
      const t = list.find((x) => x.key === key)
      if (t) return t
    }
    return undefined
  }
  const onKeyDown = useBoardKeys({ board, lanes, byLane, find, editable, moves, scrollers })

  const pointerMoving = usePointerMoving(dragged !== null)
  const onDragStart = (e: DragStartEvent) => setDragged(find(String(e.active.id)) ?? null)
  const onDragEnd = (e: DragEndEvent) => {
    setDragged(null)
    justDragged.current = true
    setTimeout(() => {
      justDragged.current = false
    }, 0)
    const t = find(String(e.active.id))
    if (!t || !e.over) return
    const over = String(e.over.id)
    if (over.startsWith(CARD_DROP)) {
      const target = find(over.slice(CARD_DROP.length))
      if (!target || target.key === t.key) return
      if (target.stage !== t.stage) return moves.move(t, target.stage)
      const lane = byLane.get(t.stage) ?? []
      moves.reorder(t, lane, lane.indexOf(target))
      return
    }
    const to = parseDropId(over)
    if (to.state) moves.moveTo(t, to.stage, to.state)
    else moves.move(t, to.stage)
  }

  return (
    <section className="page board-page">
      <h1>{prefix} board</h1>
      <BoardSummary prefix={prefix} />
      <FilterBar filters={filters} onChange={setFilters} textLabel="Text" />
      <ErrorNote error={query.error} />
      <p className="sr-only" aria-live="polite">
        {moves.note}
      </p>
      {moves.note ? <p className="note">{moves.note}</p> : null}
      {query.isPending || (filtered && !stages) ? <LoadingState label="Loading the board" /> : null}
      {query.isSuccess && shown === 0 ? (
        anyFilter(filters) ? (
          <EmptyState icon="none" title="No tickets match these filters">
            <Button variant="primary" onClick={() => setFilters(NO_FILTERS)}>
              Clear filters
            </Button>
          </EmptyState>
        ) : (
          <EmptyState icon="new" title="No open tickets yet">
            <p>
              {newTicket
                ? 'Create the first one (or press c).'
                : 'Tickets appear here as soon as someone creates one.'}
            </p>
            {newTicket ? (
              <Button variant="primary" onClick={newTicket}>
                New ticket
              </Button>
            ) : null}
          </EmptyState>
        )
      ) : null}
      {/* An empty project shows its empty state alone: no empty lanes under it. */}
      {empty ? null : (
        <Tabs.Root value={laneInView} onValueChange={showLane} activationMode="manual">
          <Tabs.List className="lane-tabs" aria-label="Lanes">
            {lanes.map((stage) => (
              <Tabs.Trigger key={stage} value={stage} className="btn btn-secondary lane-tab">
                {stage} <span className="count">{totals.get(stage) ?? 0}</span>
              </Tabs.Trigger>
            ))}
          </Tabs.List>
          <DndContext
            sensors={sensors}
            onDragStart={onDragStart}
            onDragEnd={onDragEnd}
            onDragCancel={() => setDragged(null)}
            measuring={MEASURING}
            collisionDetection={collide}
            autoScroll={{ ...AUTOSCROLL, enabled: pointerMoving }}
          >
            {/* biome-ignore lint/a11y/noStaticElementInteractions: arrow keys move focus between the cards (links) inside */}
            <div
              className="board"
              ref={board}
              onKeyDown={onKeyDown}
              onScroll={onScroll}
              onClickCapture={(e) => {
                if (justDragged.current) return e.preventDefault()
                // Cards are plain links (2,000 router links would each watch the location);
                // a plain left click navigates within the app, other clicks open tabs as usual.
                const link = (e.target as HTMLElement).closest<HTMLAnchorElement>('a[data-card]')
                if (!link || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey)
                  return
                e.preventDefault()
                navigate(link.getAttribute('href') ?? '/')
              }}
            >
              {lanes.map((stage) => (
                <Tabs.Content
                  key={stage}
                  value={stage}
                  forceMount
                  tabIndex={-1}
                  className="lane-panel"
                >
                  <BoardLane
                    stage={stage}
                    final={stage === lanes[lanes.length - 1]}
                    tickets={byLane.get(stage) ?? []}
                    total={totals.get(stage) ?? 0}
                    draggable={editable}
                    stalled={stalled}
                    onNearEnd={loadMore}
                    scrollers={scrollers}
                  />
                </Tabs.Content>
              ))}
            </div>
            {/* The copy under the pointer: outside every lane, so no lane's scrolling clips it. */}
            <DragOverlay dropAnimation={null}>
              {dragged ? (
                <div className={`card drag-overlay state-${dragged.state}`}>
                  <CardFace ticket={dragged} stalled={stalled.has(dragged.key)} copy />
                </div>
              ) : null}
            </DragOverlay>
          </DndContext>
        </Tabs.Root>
      )}
    </section>
  )
}
