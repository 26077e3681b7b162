import { useQuery } from '@tanstack/react-query'
import { Link } from 'wouter'
import { keys } from '../../api/keys.ts'
import { service } from '../../api/service.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { EmptyState } from '../../components/states.tsx'
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

/** Every root of the project with its descendants, as nested lists (a screen reader reads the depth). */
export default function TreePage({ prefix }: { prefix: string }) {
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
      <ul className="tree">
        {tree.data?.map((n) => (
          <Branch key={n.ticket.key} node={n} />
        ))}
      </ul>
    </section>
  )
}
