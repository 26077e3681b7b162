import type { State } from '../../../../src/domain/lifecycle.ts'
import type { TicketDetail } from '../../../../src/domain/ticket.ts'
import { service } from '../../api/service.ts'
import type { Run } from './panel.ts'

const ACTIONS: readonly (readonly [State, string])[] = [
  ['active', 'Start'],
  ['success', 'Complete'],
  ['fail', 'Fail'],
  ['idle', 'Idle'],
]

/** Stage, state (ui.md: start, complete, fail, idle) and the open/archived/ready flags. */
export function Lifecycle(props: {
  ticket: TicketDetail
  editable: boolean
  canWrite: boolean
  run: Run
  onDeleted: () => void
}) {
  const { ticket: t, editable, canWrite, run, onDeleted } = props
  const derived = t.children.length > 0
  return (
    <section aria-labelledby="lifecycle-h" className="side-box">
      <h2 id="lifecycle-h">Lifecycle</h2>
      <label>
        Stage
        <select
          value={t.stage}
          disabled={!editable || derived}
          onChange={(e) => run(() => service.setStage(t.key, e.target.value))}
        >
          {(t.stages.length ? t.stages : [t.stage]).map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <p>
        State: <strong className={`state-${t.state}`}>{t.state}</strong>
        {derived ? <span className="muted"> (derived from children)</span> : null}
      </p>
      {editable && !derived ? (
        <div className="row wrap">
          {ACTIONS.map(([state, label]) => (
            <button
              key={state}
              type="button"
              disabled={t.state === state}
              onClick={() => run(() => service.setState(t.key, state))}
            >
              {label}
            </button>
          ))}
        </div>
      ) : null}
      {editable ? (
        <div className="row wrap">
          <button
            type="button"
            onClick={() => run(() => service.setFlag(t.key, 'ready', !t.ready))}
          >
            {t.ready ? 'Mark not ready' : 'Mark ready'}
          </button>
          <button type="button" onClick={() => run(() => service.setFlag(t.key, 'open', !t.open))}>
            {t.open ? 'Close' : 'Reopen'}
          </button>
        </div>
      ) : null}
      {canWrite ? (
        <div className="row wrap">
          <button
            type="button"
            onClick={() => run(() => service.setFlag(t.key, 'archived', !t.archived))}
          >
            {t.archived ? 'Unarchive' : 'Archive'}
          </button>
          <button
            type="button"
            className="danger"
            disabled={t.children.length > 0}
            title={t.children.length > 0 ? 'A ticket with children cannot be deleted' : undefined}
            onClick={() =>
              window.confirm(`Delete ${t.key}? Its comments, history and links go with it.`) &&
              run(async () => {
                await service.deleteTicket(t.key)
                onDeleted()
              })
            }
          >
            Delete
          </button>
        </div>
      ) : null}
      {t.archived ? <p className="note">Archived: read-only until unarchived.</p> : null}
    </section>
  )
}
