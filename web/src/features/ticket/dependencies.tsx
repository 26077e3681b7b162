import { useQuery } from '@tanstack/react-query'
import { Link } from 'wouter'
import { keys } from '../../api/keys.ts'
import { service } from '../../api/service.ts'
import { submitFields } from '../../components/submit-fields.ts'
import type { TicketPanelProps } from './panel.ts'

/** What this ticket waits for (and what waits for it); unfinished ones block it. */
export function Dependencies({ ticket: t, editable, run }: TicketPanelProps) {
  const deps = useQuery({
    queryKey: keys.ticketDependencies(t.key, t.updated_at, t.depends_on),
    queryFn: () => service.listDependencies(t.key),
  })
  const add = submitFields((field) => {
    const d = field('depends')
    if (d) run(() => service.addDependency(t.key, d))
  })
  return (
    <section aria-labelledby="deps-h" className="side-box">
      <h2 id="deps-h">Dependencies</h2>
      {t.blocked.length ? <p className="badge blocked">Blocked by {t.blocked.join(', ')}</p> : null}
      <h3>Depends on</h3>
      {t.depends_on.length ? (
        <ul>
          {t.depends_on.map((k) => (
            <li key={k}>
              <Link href={`/t/${k}`}>{k}</Link>
              {t.blocked.includes(k) ? (
                <span className="muted"> (unfinished)</span>
              ) : (
                <span className="muted"> (done)</span>
              )}
              {editable ? (
                <button
                  type="button"
                  className="small"
                  aria-label={`Remove dependency on ${k}`}
                  onClick={() => run(() => service.removeDependency(t.key, k))}
                >
                  Remove
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Nothing.</p>
      )}
      {deps.data?.blocks.length ? (
        <>
          <h3>Blocks</h3>
          <ul>
            {deps.data.blocks.map((b) => (
              <li key={b.key}>
                <Link href={`/t/${b.key}`}>{b.key}</Link> {b.title}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {editable ? (
        <form onSubmit={add} className="row">
          <label className="sr-only" htmlFor="depends-input">
            Add a dependency
          </label>
          <input id="depends-input" name="depends" placeholder="key it depends on" size={12} />
          <button type="submit">Add dependency</button>
        </form>
      ) : null}
    </section>
  )
}
