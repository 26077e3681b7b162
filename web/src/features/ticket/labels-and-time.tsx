import type { FormEvent } from 'react'
import type { TicketDetail } from '../../../../src/domain/ticket.ts'
import { service } from '../../api/service.ts'

type Run = (fn: () => Promise<unknown>) => void

// Labels and time arrive in the service on another branch; the controls appear once the
// client has them, and until then the ticket still shows what it carries.
type LabelOps = {
  addLabel?: (ref: string, label: string) => Promise<unknown>
  removeLabel?: (ref: string, label: string) => Promise<unknown>
  logTime?: (input: { ticket: string; minutes: number; note?: string }) => Promise<unknown>
}
const ops = service as unknown as LabelOps

const hours = (m: number) => `${Math.floor(m / 60)}h ${m % 60}m`

export function LabelsAndTime({
  ticket: t,
  editable,
  run,
}: {
  ticket: TicketDetail
  editable: boolean
  run: Run
}) {
  const addLabel = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const l = String(new FormData(e.currentTarget).get('label') ?? '').trim()
    if (l && ops.addLabel) run(() => ops.addLabel!(t.key, l))
    e.currentTarget.reset()
  }
  const logTime = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const f = new FormData(e.currentTarget)
    const minutes = Number(f.get('minutes'))
    if (minutes > 0 && ops.logTime)
      run(() => ops.logTime!({ ticket: t.key, minutes, note: String(f.get('note') ?? '') }))
    e.currentTarget.reset()
  }
  return (
    <>
      <section aria-labelledby="labels-h" className="side-box">
        <h2 id="labels-h">Labels</h2>
        {t.labels.length ? (
          <ul className="chips">
            {t.labels.map((l) => (
              <li key={l} className="badge label">
                {l}
                {editable && ops.removeLabel ? (
                  <button
                    type="button"
                    className="small"
                    aria-label={`Remove label ${l}`}
                    onClick={() => run(() => ops.removeLabel!(t.key, l))}
                  >
                    ×
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No labels.</p>
        )}
        {editable && ops.addLabel ? (
          <form onSubmit={addLabel} className="row">
            <label className="sr-only" htmlFor="label-input">
              Add a label
            </label>
            <input id="label-input" name="label" placeholder="label" size={10} />
            <button type="submit">Add label</button>
          </form>
        ) : null}
      </section>
      <section aria-labelledby="time-h" className="side-box">
        <h2 id="time-h">Time</h2>
        <p>
          Total: {hours(t.time_minutes)} ({t.time_minutes} min)
        </p>
        {editable && ops.logTime ? (
          <form onSubmit={logTime} className="row wrap">
            <label>
              Minutes
              <input name="minutes" type="number" min={1} size={5} required />
            </label>
            <label>
              Note
              <input name="note" size={10} />
            </label>
            <button type="submit">Log time</button>
          </form>
        ) : null}
      </section>
    </>
  )
}
