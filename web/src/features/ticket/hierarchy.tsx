import { useState } from 'react'
import { Link, useLocation } from 'wouter'
import { service } from '../../api/service.ts'
import { submitFields } from '../../components/submit-fields.ts'
import { AnalyseButton } from './analyse-button.tsx'
import { CreateTicketDialog } from './create-ticket-dialog.tsx'
import type { TicketPanelProps } from './panel.ts'

/** Parent and children (domain.md "Hierarchy"); cycles are refused by the service. */
export function Hierarchy({ ticket: t, editable, run }: TicketPanelProps) {
  const [adding, setAdding] = useState(false)
  const [, navigate] = useLocation()
  const setParent = submitFields((field) => {
    const p = field('parent')
    if (p) run(() => service.setParent(t.key, p))
  })
  return (
    <section aria-labelledby="tree-h" className="side-box">
      <h2 id="tree-h">Hierarchy</h2>
      <p>
        Parent:{' '}
        {t.parent_id ? (
          <Link href={`/t/${t.parent_id}`}>{t.parent_id}</Link>
        ) : (
          <span className="muted">none</span>
        )}
        {editable && t.parent_id ? (
          <button
            type="button"
            className="small"
            onClick={() => run(() => service.unsetParent(t.key))}
          >
            Detach
          </button>
        ) : null}
      </p>
      {editable ? (
        <form onSubmit={setParent} className="row">
          <label className="sr-only" htmlFor="parent-input">
            Set parent
          </label>
          <input id="parent-input" name="parent" placeholder="parent key" size={12} />
          <button type="submit">Set parent</button>
        </form>
      ) : null}
      <h3>Children ({t.children.length})</h3>
      {t.children.length ? (
        <ul className="children">
          {t.children.map((c) => (
            <li key={c.key}>
              <Link href={`/t/${c.key}`}>{c.key}</Link> {c.title}{' '}
              <span className={`badge state state-${c.state}`}>{c.status}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No children.</p>
      )}
      {editable && (t.type === 'epic' || t.type === 'task') ? (
        <button type="button" onClick={() => setAdding(true)}>
          Add child
        </button>
      ) : null}
      {editable && t.type === 'epic' ? (
        <AnalyseButton ticketKey={t.key} prefix={t.project_prefix} />
      ) : null}
      {adding ? (
        <CreateTicketDialog
          prefix={t.project_prefix}
          parent={t.key}
          onClose={() => setAdding(false)}
          onCreated={(key) => {
            setAdding(false)
            navigate(`/t/${key}`)
          }}
        />
      ) : null}
    </section>
  )
}
