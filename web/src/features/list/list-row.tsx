import { memo } from 'react'
import type { Ticket } from '../../../../src/domain/ticket.ts'
import { formatDay } from '../../components/dates.ts'
import { TicketBadges } from '../ticket/ticket-badges.tsx'

/**
 * One row of the list. The key is a plain link: the table navigates for every row with one
 * click handler (list-page), since 2,000 router links would each watch the location.
 */
export const ListRow = memo(function ListRow(props: {
  ticket: Ticket
  selectable: boolean
  selected: boolean
  onToggle: (key: string) => void
}) {
  const { ticket: t } = props
  return (
    <tr className={props.selected ? 'selected' : undefined}>
      {props.selectable ? (
        <td>
          <input
            type="checkbox"
            aria-label={`Select ${t.key}`}
            checked={props.selected}
            onChange={() => props.onToggle(t.key)}
          />
        </td>
      ) : null}
      <td>
        <a href={`/t/${t.key}`} data-row={t.key}>
          {t.key}
        </a>
      </td>
      <td>
        {t.title} <TicketBadges ticket={t} markersOnly />
      </td>
      <td>{t.type}</td>
      <td>{t.status}</td>
      <td>{t.assignee_name ?? t.assignee ?? ''}</td>
      <td>{t.priority}</td>
      <td>
        <time dateTime={t.updated_at}>{formatDay(t.updated_at)}</time>
      </td>
    </tr>
  )
})
