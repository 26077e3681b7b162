import { useQuery } from '@tanstack/react-query'
import { Link, useSearchParams } from 'wouter'
import { keys } from '../../api/keys.ts'
import { service } from '../../api/service.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { TicketBadges } from '../ticket/ticket-badges.tsx'

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
      {q === '' ? <p>Type words in the search box (press /).</p> : null}
      <ol className="results">
        {results.data?.map((t) => (
          <li key={t.key}>
            <Link href={`/t/${t.key}`}>{t.key}</Link> {t.title} <TicketBadges ticket={t} />
          </li>
        ))}
      </ol>
      {results.isSuccess && results.data.length === 0 ? <p>No tickets match.</p> : null}
    </section>
  )
}
