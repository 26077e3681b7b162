import { useInfiniteQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'wouter'
import { keys } from '../../api/keys.ts'
import { service } from '../../api/service.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { EmptyState, LoadingState } from '../../components/states.tsx'
import { Button } from '../../components/ui.tsx'
import { TypeIcon } from '../ticket/ticket-badges.tsx'

type Page = Awaited<ReturnType<typeof service.treePage>>
type Ticket = Page['tickets'][number]

/** Tickets asked for at once, top-level or below one ticket: a page stays quick to draw. */
const TREE_PAGE = 200

/**
 * The pages of one level of the hierarchy, read from the server one at a time (keyset `after=`):
 * the project's top-level tickets, or the children of `parent`.
 */
function useLevel(prefix: string, parent: string | undefined) {
  return useInfiniteQuery({
    // Not under ['tickets', …]: those entries hold ticket lists, which live events patch in place.
    queryKey: [...keys.tree(prefix), parent ?? ''],
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      service.treePage({
        project: prefix,
        limit: TREE_PAGE,
        ...(parent ? { parent } : {}),
        ...(pageParam ? { after: pageParam } : {}),
      }),
    getNextPageParam: (last, pages) =>
      pages.reduce((n, p) => n + p.tickets.length, 0) < last.total
        ? last.tickets.at(-1)?.key
        : undefined,
  })
}

function Branch({ prefix, ticket: t, count }: { prefix: string; ticket: Ticket; count: number }) {
  const [open, setOpen] = useState(false)
  const noun = count === 1 ? 'child' : 'children'
  return (
    <li>
      <span className="tree-row">
        {count > 0 ? (
          <button
            type="button"
            className="tree-toggle"
            aria-expanded={open}
            aria-label={`${open ? 'Hide' : 'Show'} ${count} ${noun} of ${t.key}`}
            onClick={() => setOpen((o) => !o)}
          >
            <span aria-hidden="true" className="tree-chevron" />
            {count.toLocaleString()}
          </button>
        ) : (
          <span className="tree-toggle-space" />
        )}
        <TypeIcon type={t.type} />
        <Link href={`/t/${t.key}`} className="row-key">
          {t.key}
        </Link>{' '}
        <span className="row-title">{t.title}</span>
        <span className={`badge state state-${t.state}`}>{t.status}</span>
      </span>
      {open ? <Level prefix={prefix} parent={t.key} /> : null}
    </li>
  )
}

/** One level as a nested list, with "Show more" while the server has more. */
function Level({ prefix, parent }: { prefix: string; parent?: string }) {
  const level = useLevel(prefix, parent)
  const pages = level.data?.pages ?? []
  const total = pages[0]?.total ?? 0
  const shown = pages.reduce((n, p) => n + p.tickets.length, 0)
  const more = Math.min(TREE_PAGE, total - shown)
  return (
    <>
      {parent === undefined && pages.length > 0 && total === 0 ? (
        <EmptyState icon="new" title="No tickets yet">
          <p>Epics, their tickets and sub-tickets show here as a tree.</p>
        </EmptyState>
      ) : null}
      {parent === undefined && shown < total ? (
        <p className="cap-note" role="status">
          <strong>
            Showing {shown.toLocaleString()} of {total.toLocaleString()} top-level tickets
          </strong>{' '}
          — the Graph view filters by type, assignee or label.
        </p>
      ) : null}
      <ErrorNote error={level.error} />
      {level.isPending ? (
        <LoadingState
          label={parent ? `Loading the children of ${parent}` : 'Loading the hierarchy'}
        />
      ) : null}
      {shown > 0 ? (
        <ul className={parent ? undefined : 'tree'}>
          {pages.flatMap((p) =>
            p.tickets.map((t) => (
              <Branch key={t.key} prefix={prefix} ticket={t} count={p.children[t.key] ?? 0} />
            )),
          )}
        </ul>
      ) : null}
      {more > 0 ? (
        <Button
          variant="secondary"
          disabled={level.isFetchingNextPage}
          onClick={() => void level.fetchNextPage()}
        >
          Show {more.toLocaleString()} more{parent ? ` of ${parent}` : ''}
        </Button>
      ) : null}
    </>
  )
}

/**
 * The project's hierarchy as nested lists (a screen reader reads the depth): the first page of
 * top-level tickets, more on request, and a ticket's children when it is expanded. Reads what
 * it shows, whatever the project's size.
 */
export default function TreePage({ prefix }: { prefix: string }) {
  return (
    <section className="page">
      <h1>{prefix} hierarchy</h1>
      <Level prefix={prefix} />
    </section>
  )
}
