import { useQuery } from '@tanstack/react-query'
import type { FormEvent } from 'react'
import { keys } from '../../api/keys.ts'
import { service } from '../../api/service.ts'
import { formatDay } from '../../components/dates.ts'
import { LabelColourPicker } from './label-colour-picker.tsx'
import { attachLabel } from './label-ops.ts'
import type { TicketPanelProps } from './panel.ts'
import { LabelChip } from './ticket-badges.tsx'

const hours = (m: number) => `${Math.floor(m / 60)}h ${m % 60}m`

export function LabelsAndTime(props: TicketPanelProps) {
  const { ticket: t, editable, run } = props
  const labels = useQuery({
    queryKey: keys.labels(t.project_prefix),
    queryFn: () => service.listLabels(t.project_prefix),
    enabled: editable,
  })
  const time = useQuery({
    queryKey: keys.ticketTime(t.key, t.time_minutes),
    queryFn: () => service.listTime(t.key),
  })
  const addLabel = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const form = e.currentTarget
    const l = String(new FormData(form).get('label') ?? '').trim()
    if (l)
      run(
        () => attachLabel(t.project_prefix, t.key, l, labels.data),
        () => form.reset(),
      )
  }
  const logTime = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const form = e.currentTarget
    const f = new FormData(form)
    const minutes = Number(f.get('minutes'))
    const note = String(f.get('note') ?? '')
    // The form empties only once the time is logged: a refusal leaves it to be corrected.
    if (minutes > 0)
      run(
        () => service.logTime({ ticket: t.key, minutes, ...(note ? { note } : {}) }),
        () => form.reset(),
      )
  }
  return (
    <>
      <section aria-labelledby="labels-h" className="side-box">
        <h2 id="labels-h">Labels</h2>
        {t.labels.length ? (
          <ul className="chips">
            {t.labels.map((l) => (
              <li key={l}>
                <LabelChip name={l} />
                {editable ? <LabelColourPicker project={t.project_prefix} name={l} /> : null}
                {editable ? (
                  <button
                    type="button"
                    className="small"
                    aria-label={`Remove label ${l}`}
                    onClick={() => run(() => service.removeLabel(t.key, l))}
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
        {editable ? (
          <form onSubmit={addLabel} className="row">
            <label className="sr-only" htmlFor="label-input">
              Add a label
            </label>
            <input
              id="label-input"
              name="label"
              placeholder="label"
              size={10}
              list="project-labels"
            />
            <datalist id="project-labels">
              {labels.data?.map((l) => (
                <option key={l.id} value={l.name} />
              ))}
            </datalist>
            <button type="submit">Add label</button>
          </form>
        ) : null}
      </section>
      <section aria-labelledby="time-h" className="side-box">
        <h2 id="time-h">Time</h2>
        <p>
          Total: {hours(t.time_minutes)} ({t.time_minutes} min)
        </p>
        {time.data?.length ? (
          <ul className="time">
            {time.data.map((e) => (
              <li key={e.id}>
                {e.minutes} min by {e.user}
                {e.note ? ` — ${e.note}` : ''}{' '}
                <span className="muted">{formatDay(e.created_at)}</span>
                {editable ? (
                  <button
                    type="button"
                    className="small"
                    aria-label={`Delete ${e.minutes} minutes by ${e.user}`}
                    onClick={() => run(() => service.deleteTime(e.id))}
                  >
                    ×
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
        {editable ? (
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
