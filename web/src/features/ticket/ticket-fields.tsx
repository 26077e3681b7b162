import { Fragment } from 'react'
import type { TicketDetail } from '../../../../src/domain/ticket.ts'
import { service } from '../../api/service.ts'
import type { TicketPanelProps } from './panel.ts'

const PRIORITIES = [1, 2, 3, 4, 5, 6, 7, 8, 9]

/**
 * What this panel calls each field of a ticket; `null` where the page shows it elsewhere (its
 * title, lifecycle, assignment, hierarchy, labels, dependencies and text panels) or not at all.
 * A new field must be placed here.
 */
const LABEL = {
  id: null,
  key: null,
  project_id: null,
  project_prefix: null,
  type: 'Type',
  title: null,
  description: null,
  acceptance_criteria: null,
  git_repository: 'Git repository',
  git_branch: 'Git branch',
  parent_id: null,
  clone_of: null,
  workflow_id: null,
  stage: null,
  state: null,
  status: null,
  priority: 'Priority',
  sort_order: null,
  estimate_effort: 'Estimate (h)',
  estimate_complete: null,
  health_score: null,
  assignee: null,
  assignee_name: null,
  open: null,
  archived: null,
  ready: null,
  review_status: null,
  attempts: null,
  labels: null,
  blocked: null,
  created_by: null,
  created_at: null,
  updated_at: null,
  children: null,
  depends_on: null,
  time_minutes: null,
  stages: null,
} as const satisfies Record<keyof TicketDetail, string | null>

/** The smaller fields: type (fixed by the key), priority, estimate, git. */
export function TicketFields({ ticket: t, editable, run }: TicketPanelProps) {
  return (
    <section aria-labelledby="fields-h" className="side-box">
      <h2 id="fields-h">Fields</h2>
      <dl className="fields">
        <dt>{LABEL.type}</dt>
        <dd>{t.type}</dd>
        <dt>
          <label htmlFor="priority">{LABEL.priority}</label>
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
          <label htmlFor="effort">{LABEL.estimate_effort}</label>
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
              <label htmlFor={f}>{LABEL[f]}</label>
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
