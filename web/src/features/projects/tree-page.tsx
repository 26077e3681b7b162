import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'wouter'
import { keys } from '../../api/keys.ts'
import { service } from '../../api/service.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { EmptyState, LoadingState } from '../../components/states.tsx'
import { Button } from '../../components/ui.tsx'
import { TypeIcon } from '../ticket/ticket-badges.tsx'

type Node = Awaited<ReturnType<typeof service.tree>>[number]

function Branch({ node }: { node: Node }) {
  const t = node.ticket
  return (
    <li>
      <span className="tree-row">
        <TypeIcon type={t.type} />
        <Link href={`/t/${t.key}`} className="row-key">
          {t.key}
        </Link>{' '}
        <span className="row-title">{t.title}</span>
        <span className={`badge state state-${t.state}`}>{t.status}</span>
      </span>
      {node.children.length ? (
        <ul>
          {node.children.map((c) => (
            <Branch key={c.ticket.key} node={c} />
          ))}
        </ul>
      ) : null}
    </li>
  )
}

/** Top-level tickets drawn at first, and added per "Show more": a page stays quick to draw. */
const ROOTS_SHOWN = 200

/** Every root of the project with its descendants, as nested lists (a screen reader reads the depth). */
export default function TreePage({ prefix }: { prefix: string }) {
  const [shown, setShown] = useState(ROOTS_SHOWN)
  const tree = useQuery({
    // Not under ['tickets', …]: those entries hold ticket lists, which live events patch in place.
    queryKey: keys.tree(prefix),
    queryFn: () => service.tree({ project: prefix }),
  })
  return (
    <section className="page">
      <h1>{prefix} hierarchy</h1>
      <ErrorNote error={tree.error} />
      {tree.data?.length === 0 ? (
        <EmptyState icon="new" title="No tickets yet">
          <p>Epics, their tickets and sub-tickets show here as a tree.</p>
        </EmptyState>
      ) : null}
      {tree.isPending ? <LoadingState label="Loading the hierarchy" /> : null}
      {tree.data && tree.data.length > shown ? (
        <p className="cap-note" role="status">
          <strong>
            Showing {shown.toLocaleString()} of {tree.data.length.toLocaleString()} top-level
            tickets
          </strong>{' '}
          — the Graph view filters by type, assignee or label.
        </p>
      ) : null}
      <ul className="tree">
        {tree.data?.slice(0, shown).map((n) => (
          <Branch key={n.ticket.key} node={n} />
        ))}
      </ul>
      {tree.data && tree.data.length > shown ? (
        <Button variant="secondary" onClick={() => setShown((n) => n + ROOTS_SHOWN)}>
          Show {Math.min(ROOTS_SHOWN, tree.data.length - shown).toLocaleString()} more
        </Button>
      ) : null}
    </section>
  )
}
