import '@xyflow/react/dist/base.css'
import './graph.css'
import { useQuery } from '@tanstack/react-query'
import { Handle, type NodeProps, Position, ReactFlow } from '@xyflow/react'
import { useMemo } from 'react'
import { Link, useLocation } from 'wouter'
import { keys } from '../../api/keys.ts'
import { service } from '../../api/service.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { EmptyState, LoadingState } from '../../components/states.tsx'
import { TypeIcon } from '../ticket/ticket-badges.tsx'
import { GRAPH_LIMIT, graphOf, openTickets, type TicketNode } from './graph-model.ts'

function TicketBox({ data }: NodeProps<TicketNode>) {
  const t = data.ticket
  return (
    <div className={`graph-node state-${t.state}`} title={`${t.key} ${t.title}`}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="graph-node-head">
        <TypeIcon type={t.type} />
        {/* The link is what a keyboard reaches (nodes themselves are not focusable). */}
        <Link href={`/t/${t.key}`} className="graph-node-key nopan">
          {t.key}
        </Link>
        <span className={`badge state state-${t.state}`}>{t.status}</span>
      </div>
      <div className="graph-node-title">{t.title}</div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  )
}

const nodeTypes = { ticket: TicketBox }
const GRAPH_FIT = { minZoom: 0.75, maxZoom: 1 }

/** The project's open tickets as a graph: parents above children, blockers above what they block. */
export default function GraphPage({ prefix }: { prefix: string }) {
  const [, navigate] = useLocation()
  const tree = useQuery({
    queryKey: keys.tree(prefix),
    queryFn: () => service.tree({ project: prefix }),
  })
  const built = useMemo(() => {
    if (!tree.data) return null
    const { shown, total } = openTickets(tree.data, GRAPH_LIMIT)
    return { ...graphOf(shown), total }
  }, [tree.data])
  return (
    <section className="page graph-page">
      <h1>{prefix} graph</h1>
      <ErrorNote error={tree.error} />
      {tree.isPending ? <LoadingState label="Loading the graph" /> : null}
      {built && built.nodes.length === 0 ? (
        <EmptyState icon="empty" title="No open tickets to draw" />
      ) : null}
      {built && built.nodes.length > 0 ? (
        <>
          <p className="graph-legend muted">
            <span className="graph-key-parent">— parent to child</span>{' '}
            <span className="graph-key-dependency">→ blocker to blocked</span>
            {built.total > built.nodes.length
              ? ` · Showing the first ${built.nodes.length} of ${built.total} open tickets.`
              : ''}
          </p>
          <div className="graph-canvas">
            <ReactFlow
              nodes={built.nodes}
              edges={built.edges}
              nodeTypes={nodeTypes}
              nodesDraggable={false}
              nodesConnectable={false}
              edgesFocusable={false}
              nodesFocusable={false}
              onNodeClick={(_, n) => navigate(`/t/${n.id}`)}
              // Readable first: never smaller than 3/4 size to fit (a wider graph is panned), never
              // larger than life for a small one.
              fitView
              fitViewOptions={GRAPH_FIT}
              minZoom={0.1}
              proOptions={{ hideAttribution: true }}
            />
          </div>
        </>
      ) : null}
    </section>
  )
}
