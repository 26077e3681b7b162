import { Link, useLocation } from 'wouter'
import { useCanWrite, useTicket } from '../../api/queries.ts'
import { service } from '../../api/service.ts'
import { formatMoment } from '../../components/dates.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { isNotFound, NotFound } from '../../components/not-found.tsx'
import { HealthPanel } from '../health/health-panel.tsx'
import { Assignment } from './assignment.tsx'
import { Conversation } from './conversation.tsx'
import { Dependencies } from './dependencies.tsx'
import { EditableTitle } from './editable-title.tsx'
import { Hierarchy } from './hierarchy.tsx'
import { LabelsAndTime } from './labels-and-time.tsx'
import { Lifecycle } from './lifecycle.tsx'
import { MarkdownField } from './markdown-field.tsx'
import type { Run } from './panel.ts'
import { TicketBadges } from './ticket-badges.tsx'
import { TicketFields } from './ticket-fields.tsx'
import { useTicketAction } from './use-ticket-action.ts'

export default function TicketPage({ ticketKey }: { ticketKey: string }) {
  const ticket = useTicket(ticketKey)
  const prefix = ticket.data?.project_prefix ?? ticketKey.split('-')[0] ?? ''
  const writable = useCanWrite(prefix)
  const action = useTicketAction(ticketKey, prefix)
  const [, navigate] = useLocation()
  if (ticket.isPending) return <p aria-live="polite">Loading {ticketKey}…</p>
  if (ticket.isError)
    return isNotFound(ticket.error) ? (
      <NotFound title="Ticket not found">
        There is no ticket {ticketKey}, or you are not a member of its project.
      </NotFound>
    ) : (
      <ErrorNote error={ticket.error} />
    )
  const t = ticket.data
  const editable = writable && !t.archived
  const run: Run = (fn, onDone) => action.mutate(fn, onDone ? { onSuccess: onDone } : undefined)

  return (
    <article className="page ticket-page" aria-labelledby="ticket-heading">
      <nav aria-label="Breadcrumb" className="crumbs">
        <Link href={`/p/${t.project_prefix}/board`}>{t.project_prefix} board</Link>
        {t.parent_id ? (
          <>
            {' › '}
            <Link href={`/t/${t.parent_id}`}>{t.parent_id}</Link>
          </>
        ) : null}
        {' › '}
        <span aria-current="page">{t.key}</span>
      </nav>
      <header id="ticket-heading" className="ticket-head">
        <span className="key">{t.key}</span>
        <EditableTitle
          value={t.title}
          editable={editable}
          onSave={(title) => run(() => service.updateTicket(t.key, { title }))}
        />
        <TicketBadges ticket={t} />
        <p className="muted">
          {t.status}
          {t.open ? '' : ' · closed'}
          {t.archived ? ' · archived' : ''}
          {t.ready ? ' · ready' : ''} · created by {t.created_by} · updated{' '}
          {formatMoment(t.updated_at)}
        </p>
        {!writable ? <p className="note">You can read this project but not change it.</p> : null}
      </header>
      <ErrorNote error={action.error} />
      <div className="ticket-grid">
        <div className="ticket-main">
          <MarkdownField
            label="Description"
            value={t.description}
            editable={editable}
            onSave={(description) => run(() => service.updateTicket(t.key, { description }))}
          />
          <MarkdownField
            label="Acceptance criteria"
            value={t.acceptance_criteria}
            editable={editable}
            onSave={(acceptance_criteria) =>
              run(() => service.updateTicket(t.key, { acceptance_criteria }))
            }
          />
          <Conversation ticketKey={t.key} canComment={writable && t.open && !t.archived} />
        </div>
        <aside className="ticket-side" aria-label="Ticket details">
          <Lifecycle
            ticket={t}
            editable={editable}
            canWrite={writable}
            run={run}
            onDeleted={() => navigate(`/p/${t.project_prefix}/board`)}
          />
          <Assignment ticket={t} editable={writable} run={run} />
          <TicketFields ticket={t} editable={editable} run={run} />
          <HealthPanel ticket={t} editable={editable} run={run} />
          <Hierarchy ticket={t} editable={editable} run={run} />
          <Dependencies ticket={t} editable={editable} run={run} />
          <LabelsAndTime ticket={t} editable={editable} run={run} />
        </aside>
      </div>
    </article>
  )
}
