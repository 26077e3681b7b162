import { useDroppable } from '@dnd-kit/core'
import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useEffect, useRef } from 'react'
import type { Ticket } from '../../../../src/domain/ticket.ts'
import { BoardCard } from './board-card.tsx'
import { StateTargets } from './state-targets.tsx'

/** Scrolls a lane so its card at `index` is rendered (keyboard focus into unrendered cards). */
export type LaneScrollers = Map<string, (index: number) => void>

// A card is about this tall with a one-line title; the virtualiser measures the real height.
const CARD_ESTIMATE = 92
const GAP = 8
// Cards rendered beyond the lane's visible part, so arrow keys and small scrolls find them.
const OVERSCAN = 6
// When the last rendered card is this close to the last loaded one, the next page is fetched.
const LOAD_AHEAD = 15

/**
 * One lane: its count is every ticket in the stage; its cards are a virtual list in a lane
 * that scrolls on its own, so only the cards in view (and a few more) are in the page. A lane
 * re-renders only when its own cards change (not when a drag starts elsewhere).
 */
export const BoardLane = memo(function BoardLane(props: {
  stage: string
  final: boolean
  tickets: readonly Ticket[]
  total: number
  draggable: boolean
  stalled: ReadonlySet<string>
  onNearEnd: (stage: string) => void
  scrollers: LaneScrollers
}) {
  const { stage, tickets, total, onNearEnd, scrollers } = props
  const { setNodeRef, isOver } = useDroppable({ id: stage })
  const scroller = useRef<HTMLDivElement>(null)
  const virtual = useVirtualizer({
    count: tickets.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => CARD_ESTIMATE,
    gap: GAP,
    overscan: OVERSCAN,
    getItemKey: (i) => tickets[i]?.key ?? i,
  })
  const items = virtual.getVirtualItems()
  const last = items[items.length - 1]?.index ?? -1

  useEffect(() => {
    if (tickets.length < total && last >= tickets.length - LOAD_AHEAD) onNearEnd(stage)
  }, [last, tickets.length, total, stage, onNearEnd])

  useEffect(() => {
    scrollers.set(stage, (index) => virtual.scrollToIndex(index, { align: 'auto' }))
    return () => {
      scrollers.delete(stage)
    }
  }, [scrollers, stage, virtual])

  const headingId = `lane-${stage}`
  return (
    <section
      ref={setNodeRef}
      className={`lane${isOver ? ' over' : ''}`}
      data-stage={stage}
      aria-labelledby={headingId}
    >
      <h2 id={headingId}>
        {stage} <span className="count">{total}</span>
      </h2>
      <StateTargets stage={stage} final={props.final} />
      <div className="lane-scroll" ref={scroller}>
        <ul className="virtual" style={{ height: virtual.getTotalSize() }}>
          {items.map((row) => {
            const t = tickets[row.index]
            if (!t) return null
            return (
              <BoardCard
                key={t.key}
                ticket={t}
                index={row.index}
                top={row.start}
                measure={virtual.measureElement}
                draggable={props.draggable}
                stalled={props.stalled.has(t.key)}
              />
            )
          })}
        </ul>
      </div>
    </section>
  )
})
