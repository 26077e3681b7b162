import { useQuery } from '@tanstack/react-query'
import { Link, useSearchParams } from 'wouter'
import { keys } from '../../api/keys.ts'
import { service } from '../../api/service.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { projectOfPath } from '../../components/paths.ts'
import { EmptyState } from '../../components/states.tsx'
import { LabelColours } from '../ticket/label-colours.tsx'
import { TicketBadges, TypeIcon } from '../ticket/ticket-badges.tsx'

/** Full-text search across every project the caller may read, best match first. */
export default function SearchPage() {
  const [params] = useSearchParams()
  const q = params.get('q')?.trim() ?? ''
  const results = useQuery({
    queryKey: keys.search(q),
    queryFn: () => service.searchTickets(q, { limit: 100 }),
    enabled: q !== '',
  })
  return (
    <section className="page">
      <h1>Search{q ? `: ${q}` : ''}</h1>
      <ErrorNote error={results.error} />
      {q === '' ? (
        <EmptyState icon="search" title="Search every project">
          <p>Type words in the search box (press /).</p>
        </EmptyState>
      ) : null}
      {results.data?.length ? (
        <ol className="results rows">
          {results.data.map((t) => (
            <li key={t.key}>
              <TypeIcon type={t.type} />
              <Link href={`/t/${t.key}`} className="row-key">
                {t.key}
              </Link>
              <span className="row-title">{t.title}</span>
              {/* Results span projects: each shows its labels in its own project's colours. */}
              <LabelColours prefix={projectOfPath(`/t/${t.key}`)}>
                <TicketBadges ticket={t} />
              </LabelColours>
            </li>
          ))}
        </ol>
      ) : null}
      {results.isSuccess && results.data.length === 0 ? (
        <EmptyState icon="search" title="No tickets match">
          <p>Try other words, or fewer of them.</p>
        </EmptyState>
      ) : null}
    </section>
  )
}
