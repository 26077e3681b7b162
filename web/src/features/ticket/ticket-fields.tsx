import type { TicketDetail } from '../../../../src/domain/ticket.ts'
import { service } from '../../api/service.ts'

type Run = (fn: () => Promise<unknown>) => void

const PRIORITIES = [1, 2, 3, 4, 5, 6, 7, 8, 9]

/** The smaller fields: type (fixed by the key), priority, estimate, git. */
export function TicketFields({
  ticket: t,
  editable,
  run,
}: {
  ticket: TicketDetail
  editable: boolean
  run: Run
}) {
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
        {t.git_branch ? (
          <>
            <dt>Git branch</dt>
            <dd>{t.git_branch}</dd>
          </>
        ) : null}
      </dl>
    </section>
  )
}
