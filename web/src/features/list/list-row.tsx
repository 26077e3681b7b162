import { memo, type Ref } from 'react'
import type { Ticket } from '../../../../src/domain/ticket.ts'
import { formatDay } from '../../components/dates.ts'
import { Avatar } from '../../components/ui.tsx'
import { TicketBadges, TypeIcon } from '../ticket/ticket-badges.tsx'

/**
 * One row of the list. The key is a plain link: the table navigates for every row with one
 * click handler (list-page), since 2,000 router links would each watch the location.
 */
export const ListRow = memo(function ListRow(props: {
  ticket: Ticket
  selectable: boolean
  selected: boolean
  onToggle: (key: string) => void
  /** The list is virtual: the row's place and the virtualiser's measuring ref. */
  index: number
  measure: Ref<HTMLTableRowElement>
}) {
  const { ticket: t } = props
  const name = t.assignee_name ?? t.assignee
  return (
    <tr
      ref={props.measure}
      data-index={props.index}
      className={[props.selected ? 'selected' : '', props.selectable ? 'has-select' : '']
        .filter(Boolean)
        .join(' ')}
    >
      {props.selectable ? (
        <td className="cell-select">
          <input
            type="checkbox"
            aria-label={`Select ${t.key}`}
            checked={props.selected}
            onChange={() => props.onToggle(t.key)}
          />
        </td>
      ) : null}
      <td className="cell-keycell">
        <span className="cell-key">
          <TypeIcon type={t.type} />
          <a href={`/t/${t.key}`} data-row={t.key}>
            {t.key}
          </a>
        </span>
      </td>
      <td className="cell-title">
        <span className="row-title">{t.title}</span>
        {t.labels.length || t.blocked.length ? <TicketBadges ticket={t} markersOnly /> : null}
      </td>
      <td className="cell-type">{t.type}</td>
      <td className="cell-status">{t.status}</td>
      <td className="cell-assignee">
        {name ? (
          <span className="cell-who">
            <Avatar name={name} />
            <span>{name}</span>
          </span>
        ) : null}
      </td>
      <td className="cell-priority">
        <span className={t.priority <= 2 ? 'error' : undefined}>P{t.priority}</span>
      </td>
      <td className="cell-updated">
        <time dateTime={t.updated_at}>{formatDay(t.updated_at)}</time>
      </td>
    </tr>
  )
})
