import { Fragment } from 'react'
import { service } from '../../api/service.ts'
import type { TicketPanelProps } from './panel.ts'

const PRIORITIES = [1, 2, 3, 4, 5, 6, 7, 8, 9]

/** The smaller fields: type (fixed by the key), priority, estimate, git. */
export function TicketFields({ ticket: t, editable, run }: TicketPanelProps) {
  return (
    <section aria-labelledby="fields-h" className="side-box">
      <h2 id="fields-h">Fields</h2>
      <dl className="fields">
        <dt>Type</dt>
        <dd>{t.type}</dd>
        <dt>
          <label htmlFor="priority">Priority</label>
        </dt>
        <dd>
          <select
            id="priority"
            value={t.priority}
            disabled={!editable}
            onChange={(e) =>
              run(() => service.updateTicket(t.key, { priority: Number(e.target.value) }))
            }
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {p}
                {p === 1 ? ' (highest)' : ''}
              </option>
            ))}
          </select>
        </dd>
        <dt>
          <label htmlFor="effort">Estimate (h)</label>
        </dt>
        <dd>
          <input
            id="effort"
            type="number"
            min={0}
            defaultValue={t.estimate_effort}
            key={t.estimate_effort}
            disabled={!editable}
            onBlur={(e) => {
              const v = Number(e.target.value)
              if (Number.isFinite(v) && v !== t.estimate_effort)
                run(() => service.updateTicket(t.key, { estimate_effort: v }))
            }}
          />
        </dd>
        {(['git_repository', 'git_branch'] as const).map((f) => (
          <Fragment key={f}>
            <dt>
              <label htmlFor={f}>{f === 'git_branch' ? 'Git branch' : 'Git repository'}</label>
            </dt>
            <dd>
              <input
                id={f}
                defaultValue={t[f]}
                key={t[f]}
                disabled={!editable}
                onBlur={(e) => {
                  const v = e.target.value.trim()
                  if (v !== t[f]) run(() => service.updateTicket(t.key, { [f]: v }))
                }}
              />
            </dd>
          </Fragment>
        ))}
      </dl>
    </section>
  )
}
