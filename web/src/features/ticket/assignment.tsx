import type { FormEvent } from 'react'
import type { TicketDetail } from '../../../../src/domain/ticket.ts'
import { useMe } from '../../api/queries.ts'
import { service } from '../../api/service.ts'

type Run = (fn: () => Promise<unknown>) => void

/** domain.md "Assignment and claim": claim for yourself, give up a claim, or assign someone. */
export function Assignment({
  ticket: t,
  editable,
  run,
}: {
  ticket: TicketDetail
  editable: boolean
  run: Run
}) {
  const me = useMe()
  const mine = t.assignee !== null && t.assignee === me?.username
  const assign = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const who = String(new FormData(e.currentTarget).get('assignee') ?? '').trim()
    if (who) run(() => service.assign(t.key, who))
    e.currentTarget.reset()
  }
  return (
    <section aria-labelledby="assign-h" className="side-box">
      <h2 id="assign-h">Assignee</h2>
      <p>{t.assignee ? `@${t.assignee}` : 'Nobody'}</p>
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
