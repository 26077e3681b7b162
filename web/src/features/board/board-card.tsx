import { useDraggable } from '@dnd-kit/core'
import { memo } from 'react'
import type { Ticket } from '../../../../src/domain/ticket.ts'
import { HealthBadge } from '../health/health-badge.tsx'
import { PriorityBadge, TicketBadges, TypeIcon } from '../ticket/ticket-badges.tsx'

/** One ticket on the board; the whole card is the drag handle and a link to the ticket. */
export const BoardCard = memo(function BoardCard(props: {
  ticket: Ticket
  draggable: boolean
  stalled: boolean
}) {
  const { ticket: t } = props
  const { setNodeRef, listeners, transform, isDragging } = useDraggable({
    id: t.key,
    disabled: !props.draggable,
  })
  const style = transform
    ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)`, zIndex: 10 }
    : undefined
  return (
    <li
      ref={setNodeRef}
      style={style}
      className={`card state-${t.state}${isDragging ? ' dragging' : ''}`}
      data-key={t.key}
      {...listeners}
    >
      {/* A plain link: the board navigates for all cards with one click handler (board-page). */}
      <a href={`/t/${t.key}`} className="card-link" data-card={t.key} draggable={false}>
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
      {props.stalled ? <span className="badge blocked">agent offline</span> : null}
    </li>
  )
})
