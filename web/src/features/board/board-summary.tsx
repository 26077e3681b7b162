import { useQuery } from '@tanstack/react-query'
import { Link } from 'wouter'
import { keys } from '../../api/keys.ts'
import { service } from '../../api/service.ts'

/** `tk summary` above the board: counts, what is next, and work held by offline agents. */
export function useSummary(prefix: string) {
  return useQuery({ queryKey: keys.summary(prefix), queryFn: () => service.summary(prefix) })
}

export function BoardSummary({ prefix }: { prefix: string }) {
  const summary = useSummary(prefix)
  const s = summary.data
  if (!s) return null
  return (
    <section className="summary" aria-label="Summary">
      <span>
        <strong>{s.open_tickets}</strong> open
      </span>
      <span>
        <strong>{s.active.length}</strong> active
      </span>
      <span>
        <strong>{s.blocked}</strong> blocked
      </span>
      {s.next[0] ? (
        <span>
          next up: <Link href={`/t/${s.next[0].key}`}>{s.next[0].key}</Link>
        </span>
      ) : null}
      {s.stalled.length ? (
        <span className="stalled" role="status">
          held by an offline agent:{' '}
          {s.stalled.map((t, i) => (
            <span key={t.key}>
              {i > 0 ? ', ' : ''}
              <Link href={`/t/${t.key}`}>{t.key}</Link> ({t.assignee})
            </span>
          ))}
        </span>
      ) : null}
    </section>
  )
}
