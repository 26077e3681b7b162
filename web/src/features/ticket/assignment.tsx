import { useMe } from '../../api/queries.ts'
import { service } from '../../api/service.ts'
import { submitFields } from '../../components/submit-fields.ts'
import type { TicketPanelProps } from './panel.ts'

/** domain.md "Assignment and claim": claim for yourself, give up a claim, or assign someone. */
export function Assignment({ ticket: t, editable, run }: TicketPanelProps) {
  const me = useMe()
  const mine = t.assignee !== null && t.assignee === me?.username
  const assign = submitFields((field) => {
    const who = field('assignee')
    if (who) run(() => service.assign(t.key, who))
  })
  return (
    <section aria-labelledby="assign-h" className="side-box">
      <h2 id="assign-h">Assignee</h2>
      <p>{t.assignee ? `@${t.assignee_name ?? t.assignee}` : 'Nobody'}</p>
      {editable && t.open && !t.archived ? (
        <>
          <div className="row wrap">
            {!t.assignee ? (
              <button
                type="button"
                onClick={() =>
                  run(async () => {
                    const r = await service.claim({ ticket: t.key })
                    if (r.status !== 'ASSIGNED') throw new Error(r.reason ?? `claim: ${r.status}`)
                    return r.ticket
                  })
                }
              >
                Claim
              </button>
            ) : null}
            {mine ? (
              <button type="button" onClick={() => run(() => service.unclaim(t.key))}>
                Unclaim
              </button>
            ) : null}
            {t.assignee ? (
              <button type="button" onClick={() => run(() => service.unassign(t.key))}>
                Unassign
              </button>
            ) : null}
          </div>
          <form onSubmit={assign} className="row">
            <label className="sr-only" htmlFor="assignee-input">
              Assign to
            </label>
            <input id="assignee-input" name="assignee" placeholder="username" size={12} />
            <button type="submit">Assign</button>
          </form>
        </>
      ) : null}
    </section>
  )
}
