import { useDraggable, useDroppable } from '@dnd-kit/core'
import { memo, type Ref } from 'react'
import type { Ticket } from '../../../../src/domain/ticket.ts'
import { HealthBadge } from '../health/health-badge.tsx'
import { PriorityBadge, TicketBadges, TypeIcon } from '../ticket/ticket-badges.tsx'

/** What a card shows; the board's cards and the card under a dragging pointer share it. */
export function CardFace(props: { ticket: Ticket; stalled: boolean; copy?: boolean }) {
  const { ticket: t, stalled } = props
  return (
    <>
      {/* A plain link: the board navigates for all cards with one click handler (board-page). */}
      <a
        href={`/t/${t.key}`}
        className="card-link"
        data-card={props.copy ? undefined : t.key}
        draggable={false}
      >
        <span className="card-top">
          <TypeIcon type={t.type} />
          <span className="key">{t.key}</span>
          <PriorityBadge priority={t.priority} />
        </span>
        <span className="title">{t.title}</span>
      </a>
      <div className="card-foot">
        <TicketBadges ticket={t} />
        <HealthBadge score={t.health_score} />
      </div>
      {stalled ? <span className="badge blocked">agent offline</span> : null}
    </>
  )
}

/**
 * One ticket on the board; the whole card is the drag handle and a link to the ticket. Lanes
 * are virtual lists: `top` places the card in its lane and `measure` reads its height.
 */
export const BoardCard = memo(function BoardCard(props: {
  ticket: Ticket
  draggable: boolean
  stalled: boolean
  top: number
  index: number
  measure: Ref<HTMLLIElement>
}) {
  const { ticket: t } = props
  const { setNodeRef, listeners, isDragging } = useDraggable({
    id: t.key,
    disabled: !props.draggable,
  })
  // A card is also a drop place: dropped on a card of its own lane, a card takes that place.
  const drop = useDroppable({ id: `card:${t.key}`, disabled: !props.draggable })
  // The card stays in its lane while dragged (a copy follows the pointer, board-page), so a
  // lane that scrolls never clips it and the lane's layout never shifts.
  return (
    <li
      ref={(el) => {
        setNodeRef(el)
        drop.setNodeRef(el)
        if (typeof props.measure === 'function') props.measure(el)
      }}
      style={{ top: props.top }}
      data-index={props.index}
      className={`card state-${t.state}${isDragging ? ' dragging' : ''}${drop.isOver && !isDragging ? ' drop-here' : ''}`}
      data-key={t.key}
      {...listeners}
    >
      <CardFace ticket={t} stalled={props.stalled} />
    </li>
  )
})
