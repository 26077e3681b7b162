import { useDroppable } from '@dnd-kit/core'
import type { Ticket } from '../../../../src/domain/ticket.ts'
import { BoardCard } from './board-card.tsx'
import { StateTargets } from './state-targets.tsx'

export function BoardLane(props: {
  stage: string
  final: boolean
  tickets: readonly Ticket[]
  draggable: boolean
  stalled: ReadonlySet<string>
}) {
  const { setNodeRef, isOver } = useDroppable({ id: props.stage })
  const headingId = `lane-${props.stage}`
  return (
    <section
      ref={setNodeRef}
      className={`lane${isOver ? ' over' : ''}`}
      data-stage={props.stage}
      aria-labelledby={headingId}
    >
      <h2 id={headingId}>
        {props.stage} <span className="count">{props.tickets.length}</span>
      </h2>
      <StateTargets stage={props.stage} final={props.final} />
      <ul>
        {props.tickets.map((t) => (
          <BoardCard
            key={t.key}
            ticket={t}
            draggable={props.draggable}
            stalled={props.stalled.has(t.key)}
          />
        ))}
      </ul>
    </section>
  )
}
