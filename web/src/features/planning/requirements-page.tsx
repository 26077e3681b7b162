import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'wouter'
import type { ReviewStatus } from '../../../../src/domain/requirement.ts'
import type { Ticket } from '../../../../src/domain/ticket.ts'
import { keys } from '../../api/keys.ts'
import { useCanWrite } from '../../api/queries.ts'
import { service } from '../../api/service.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { Markdown } from '../../components/markdown.tsx'

const FILTERS: Record<ReviewStatus | '', string> = {
  '': 'all',
  proposed: 'proposed',
  accepted: 'accepted',
  rejected: 'rejected',
  revised: 'revised',
}

function Revise(props: {
  ticket: Ticket
  onSave: (fields: { title: string; description: string; acceptance_criteria: string }) => void
  onCancel: () => void
}) {
  return (
    <form
      className="card-form"
      onSubmit={(e) => {
        e.preventDefault()
        const f = new FormData(e.currentTarget)
        props.onSave({
          title: String(f.get('title')),
          description: String(f.get('description') ?? ''),
          acceptance_criteria: String(f.get('ac') ?? ''),
        })
      }}
    >
      <label>
        Title
        <input name="title" defaultValue={props.ticket.title} required />
      </label>
      <label>
        Description
        <textarea name="description" rows={3} defaultValue={props.ticket.description} />
      </label>
      <label>
        Acceptance criteria
        <textarea name="ac" rows={3} defaultValue={props.ticket.acceptance_criteria} />
      </label>
      <div className="row">
        <button type="submit">Save revision</button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}

/** Requirements under review: accept, reject (with a reason) or revise. */
export default function RequirementsPage({ prefix }: { prefix: string }) {
  const qc = useQueryClient()
  const editable = useCanWrite(prefix)
  const [filter, setFilter] = useState<ReviewStatus | ''>('')
  const [revising, setRevising] = useState<string | null>(null)
  const key = keys.requirementList(prefix, filter)
  const list = useQuery({
    queryKey: key,
    queryFn: () =>
      service.listRequirements({ project: prefix, ...(filter ? { review_status: filter } : {}) }),
  })
  const review = useMutation({
    mutationFn: (v: { ref: string; input: Parameters<typeof service.reviewRequirement>[1] }) =>
      service.reviewRequirement(v.ref, v.input),
    onSuccess: () => {
      setRevising(null)
      return qc.invalidateQueries({ queryKey: keys.requirements(prefix) })
    },
  })
  return (
    <section className="page">
      <h1>{prefix} requirements</h1>
      <label className="inline">
        Review status
        <select value={filter} onChange={(e) => setFilter(e.target.value as ReviewStatus | '')}>
          {Object.entries(FILTERS).map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <ErrorNote error={list.error ?? review.error} />
      <ul className="requirements">
        {list.data?.map((r) => (
          <li key={r.key} className="side-box">
            <Link href={`/t/${r.key}`}>{r.key}</Link> <strong>{r.title}</strong>{' '}
            <span className="badge">{r.review_status ?? 'proposed'}</span>{' '}
            <span className="muted">{r.status}</span>
            <Markdown source={r.description} empty="No description." />
            {editable && revising !== r.key && r.review_status !== 'accepted' ? (
              <div className="row wrap">
                {/* domain/requirement.ts: a rejected requirement is revised before it is decided again. */}
                {r.review_status !== 'rejected' ? (
                  <>
                    <button
                      type="button"
                      onClick={() => review.mutate({ ref: r.key, input: { decision: 'accepted' } })}
                    >
                      Accept {r.key}
                    </button>
                    <button
                      type="button"
                      onClick={() => {
                        const reason = window.prompt(`Why reject ${r.key}?`)
                        if (reason !== null)
                          review.mutate({ ref: r.key, input: { decision: 'rejected', reason } })
                      }}
                    >
                      Reject {r.key}
                    </button>
                  </>
                ) : null}
                <button type="button" onClick={() => setRevising(r.key)}>
                  Revise {r.key}
                </button>
              </div>
            ) : null}
            {revising === r.key ? (
              <Revise
                ticket={r}
                onCancel={() => setRevising(null)}
                onSave={(fields) =>
                  review.mutate({ ref: r.key, input: { decision: 'revised', ...fields } })
                }
              />
            ) : null}
          </li>
        ))}
        {list.data?.length === 0 ? (
          <li>No requirements. Create a ticket of type requirement to propose one.</li>
        ) : null}
      </ul>
    </section>
  )
}
