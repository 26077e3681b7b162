import type { Ticket, TicketType } from '../../../../src/domain/ticket.ts'
import { Avatar, Chip } from '../../components/ui.tsx'
import { useLabelColour } from './label-colours.tsx'

const TYPE_GLYPH: Record<TicketType, string> = {
  task: 'T',
  bug: 'B',
  epic: 'E',
  story: 'S',
  spike: 'K',
  chore: 'C',
  requirement: 'R',
  decision: 'D',
  question: 'Q',
  note: 'N',
}

/** The ticket type as a small coloured letter; its name is the tooltip and screen-reader text. */
export function TypeIcon({ type }: { type: TicketType }) {
  return (
    <span className={`type-icon type-${type}`} title={type}>
      <span aria-hidden="true">{TYPE_GLYPH[type]}</span>
      <span className="sr-only">{type}</span>
    </span>
  )
}

/** Priority 1 (highest) to 9; only a priority above the usual 3 or below it is worth a badge. */
export function PriorityBadge({ priority }: { priority: number }) {
  if (priority === 3) return null
  return (
    <span
      className={`badge priority${priority <= 2 ? ' high' : ''}`}
      title={`Priority ${priority}`}
    >
      P{priority}
    </span>
  )
}

/** A label as a chip in its colour; the name is always written. */
export function LabelChip({ name }: { name: string }) {
  return <Chip name={name} color={useLabelColour()(name)} className="label" />
}

/** State, assignee, labels and the blocked marker: in words, never by colour alone. */
export function TicketBadges({
  ticket: t,
  markersOnly,
}: {
  ticket: Ticket
  markersOnly?: boolean
}) {
  return (
    <span className="badges">
      {markersOnly ? null : (
        <>
          <span className={`badge state state-${t.state}`}>{t.state}</span>
          {t.assignee ? (
            <span className="badge who">
              <Avatar name={t.assignee_name ?? t.assignee} />@{t.assignee_name ?? t.assignee}
            </span>
          ) : null}
        </>
      )}
      {t.labels.map((l) => (
        <LabelChip key={l} name={l} />
      ))}
      {t.blocked.length > 0 ? (
        <span className="badge blocked" title={`Blocked by ${t.blocked.join(', ')}`}>
          blocked by {t.blocked.join(', ')}
        </span>
      ) : null}
    </span>
  )
}
