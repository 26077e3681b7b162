import {
  type CollisionDetection,
  DndContext,
  type DragEndEvent,
  MeasuringStrategy,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
} from '@dnd-kit/core'
import { useMemo, useRef } from 'react'
import { useLocation } from 'wouter'
import type { Ticket } from '../../../../src/domain/ticket.ts'
import { laneStages } from '../../../../src/domain/views.ts'
import { useCanWrite, useProjectStages, useTickets } from '../../api/queries.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { FilterBar } from '../filters/filter-bar.tsx'
import { matches, useFilters } from '../filters/use-filters.ts'
import { BoardLane } from './board-lane.tsx'
import { BoardSummary, useSummary } from './board-summary.tsx'
import { parseDropId } from './state-targets.tsx'
import { useBoardKeys } from './use-board-keys.ts'
import { useBoardMoves } from './use-board-moves.ts'

// State targets appear only once a drag starts, so drop areas are measured throughout a drag.
const MEASURING = { droppable: { strategy: MeasuringStrategy.Always } }

// A state target lies inside its lane: under the pointer, the target wins over the lane.
const collide: CollisionDetection = (args) => {
  const under = pointerWithin(args)
  const target = under.find((c) => String(c.id).includes('::'))
  if (target) return [target]
  return under.length ? under : rectIntersection(args)
}

// Newest change first, as in the reference board.
const byUpdated = (a: Ticket, b: Ticket) => b.updated_at.localeCompare(a.updated_at)

export function BoardPage({ prefix }: { prefix: string }) {
  const tickets = useTickets(prefix)
  const stages = useProjectStages(prefix)
  const summary = useSummary(prefix)
  const stalled = useMemo(() => new Set(summary.data?.stalled.map((t) => t.key)), [summary.data])
  const [filters, setFilters] = useFilters()
  const [, navigate] = useLocation()
  const moves = useBoardMoves(prefix)
  const board = useRef<HTMLDivElement>(null)
  // A drag ends with a click on the card's link; that click must not open the ticket.
  const justDragged = useRef(false)
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }))
  const editable = useCanWrite(prefix)

  const all = tickets.data ?? []
  const lanes = useMemo(
    () => laneStages(stages ?? [], new Set(all.map((t) => t.stage))),
    [stages, all],
  )
  const byLane = useMemo(() => {
    const m = new Map<string, Ticket[]>(lanes.map((l) => [l, []]))
    for (const t of all) if (!t.archived && matches(t, filters)) m.get(t.stage)?.push(t)
    for (const list of m.values()) list.sort(byUpdated)
    return m
  }, [all, lanes, filters])
  const find = (key: string) => all.find((t) => t.key === key)
  const onKeyDown = useBoardKeys({ board, lanes, byLane, find, editable, moves })

  const onDragEnd = (e: DragEndEvent) => {
    justDragged.current = true
    setTimeout(() => {
      justDragged.current = false
    }, 0)
    const t = find(String(e.active.id))
    if (!t || !e.over) return
    const to = parseDropId(String(e.over.id))
    if (to.state) moves.moveTo(t, to.stage, to.state)
    else moves.move(t, to.stage)
  }

  return (
    <section className="page board-page">
      <h1>{prefix} board</h1>
      <BoardSummary prefix={prefix} />
      <FilterBar filters={filters} onChange={setFilters} textLabel="Text" />
      <ErrorNote error={tickets.error} />
      <p className="sr-only" aria-live="polite">
        {moves.note}
      </p>
      {moves.note ? <p className="note">{moves.note}</p> : null}
      <DndContext
        sensors={sensors}
        onDragEnd={onDragEnd}
        measuring={MEASURING}
        collisionDetection={collide}
      >
        {/* biome-ignore lint/a11y/noStaticElementInteractions: arrow keys move focus between the cards (links) inside */}
        <div
          className="board"
          ref={board}
          onKeyDown={onKeyDown}
          onClickCapture={(e) => {
            if (justDragged.current) return e.preventDefault()
            // Cards are plain links (2,000 router links would each watch the location);
            // a plain left click navigates within the app, other clicks open tabs as usual.
            const link = (e.target as HTMLElement).closest<HTMLAnchorElement>('a[data-card]')
            if (!link || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return
            e.preventDefault()
            navigate(link.getAttribute('href') ?? '/')
          }}
        >
          {lanes.map((stage) => (
            <BoardLane
              key={stage}
              stage={stage}
              final={stage === lanes[lanes.length - 1]}
              tickets={byLane.get(stage) ?? []}
              draggable={editable}
              stalled={stalled}
            />
          ))}
        </div>
      </DndContext>
      {tickets.isPending || !stages ? <p aria-live="polite">Loading tickets…</p> : null}
    </section>
  )
}
