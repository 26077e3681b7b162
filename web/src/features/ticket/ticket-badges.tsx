import type { Ticket } from '../../../../src/domain/ticket.ts'

/** Type, state, assignee, labels and the blocked marker: in words, never by colour alone. */
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
          <span className="badge type">{t.type}</span>
          <span className={`badge state state-${t.state}`}>{t.state}</span>
          {t.assignee ? <span className="badge who">@{t.assignee_name ?? t.assignee}</span> : null}
        </>
      )}
      {t.labels.map((l) => (
        <span key={l} className="badge label">
          {l}
        </span>
      ))}
      {t.blocked.length > 0 ? (
        <span className="badge blocked" title={`Blocked by ${t.blocked.join(', ')}`}>
          blocked by {t.blocked.join(', ')}
        </span>
      ) : null}
    </span>
  )
}
