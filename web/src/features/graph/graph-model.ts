/** @module The graph view's model: which tickets are drawn, their edges and their places. */
import dagre from '@dagrejs/dagre'
import { type Edge, MarkerType, type Node } from '@xyflow/react'
import type { service } from '../../api/service.ts'

export type TreeNode = Awaited<ReturnType<typeof service.tree>>[number]
export type Ticket = TreeNode['ticket']
export type TicketNode = Node<{ ticket: Ticket }, 'ticket'>

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
