import '@xyflow/react/dist/base.css'
import './graph.css'
import dagre from '@dagrejs/dagre'
import { useQuery } from '@tanstack/react-query'
import {
  type Edge,
  Handle,
  MarkerType,
  type Node,
  type NodeProps,
  Position,
  ReactFlow,
} from '@xyflow/react'
import { useMemo } from 'react'
import { useLocation } from 'wouter'
import { keys } from '../../api/keys.ts'
import { service } from '../../api/service.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { EmptyState, LoadingState } from '../../components/states.tsx'

type TreeNode = Awaited<ReturnType<typeof service.tree>>[number]
type Ticket = TreeNode['ticket']
type TicketNode = Node<{ ticket: Ticket }, 'ticket'>

/** The most tickets drawn: a graph past this is unreadable, and the layout stays quick. */
export const GRAPH_LIMIT = 300
const WIDTH = 220
const HEIGHT = 64

/**
 * Open tickets of the tree, depth first so an epic comes before its children, cut at `limit`.
 * A closed ticket's open children still show, as roots.
 */
export function openTickets(roots: readonly TreeNode[], limit: number) {
  const shown: Ticket[] = []
  let total = 0
  const walk = (n: TreeNode) => {
    if (n.ticket.open && !n.ticket.archived) {
      total++
      if (shown.length < limit) shown.push(n.ticket)
    }
    for (const c of n.children) walk(c)
  }
  for (const r of roots) walk(r)
  return { shown, total }
}

/** Parent edges and dependency edges (blocker → blocked) between the tickets shown. */
export function graphOf(tickets: readonly Ticket[]) {
  const ids = new Set(tickets.map((t) => t.key))
  const edges: Edge[] = []
  for (const t of tickets) {
    if (t.parent_id && ids.has(t.parent_id))
      edges.push({
        id: `parent:${t.parent_id}:${t.key}`,
        source: t.parent_id,
        target: t.key,
        className: 'edge-parent',
      })
    for (const b of t.blocked)
      if (ids.has(b))
        edges.push({
          id: `dep:${b}:${t.key}`,
          source: b,
          target: t.key,
          className: 'edge-dependency',
          // A token, so the arrowhead follows the theme like the line does.
          markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18, color: 'var(--fail)' },
        })
  }
  const g = new dagre.graphlib.Graph()
  g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 56 })
  g.setDefaultEdgeLabel(() => ({}))
  for (const t of tickets) g.setNode(t.key, { width: WIDTH, height: HEIGHT })
  for (const e of edges) g.setEdge(e.source, e.target)
  dagre.layout(g)
  const nodes: TicketNode[] = tickets.map((t) => {
    const p = g.node(t.key)
    return {
      id: t.key,
      type: 'ticket',
      position: { x: p.x - WIDTH / 2, y: p.y - HEIGHT / 2 },
      data: { ticket: t },
      ariaLabel: `${t.key} ${t.title}`,
      width: WIDTH,
      height: HEIGHT,
    }
  })
  return { nodes, edges }
}

function TicketBox({ data }: NodeProps<TicketNode>) {
  const t = data.ticket
  return (
    <div className={`graph-node state-${t.state}`} title={`${t.key} ${t.title}`}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="graph-node-head">
        <span className="graph-node-key">{t.key}</span>
        <span className="badge type">{t.type}</span>
        <span className={`badge state state-${t.state}`}>{t.status}</span>
      </div>
      <div className="graph-node-title">{t.title}</div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  )
}

const nodeTypes = { ticket: TicketBox }

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
        <EmptyState icon="○" title="No open tickets to draw" />
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
              onNodeClick={(_, n) => navigate(`/t/${n.id}`)}
              fitView
              minZoom={0.1}
              proOptions={{ hideAttribution: true }}
            />
          </div>
        </>
      ) : null}
    </section>
  )
}
