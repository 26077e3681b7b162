/** @module The graph view's model: which tickets are drawn, their edges and their places. */
import dagre from '@dagrejs/dagre'
import { type Edge, MarkerType, type Node } from '@xyflow/react'
import type { service } from '../../api/service.ts'

export type Piece = Awaited<ReturnType<typeof service.ticketGraph>>
export type Ticket = Piece['tickets'][number]
export type TicketNode = Node<{ ticket: Ticket; hidden: number }, 'ticket'>

/** The most tickets a piece holds: a graph past this is unreadable, and the layout stays quick. */
export const GRAPH_LIMIT = 300
const WIDTH = 220
const HEIGHT = 64

/**
 * The first piece and every expanded ticket's children, each ticket once, with how many of
 * each one's open children are still not shown.
 */
export function mergePieces(first: Piece, expanded: readonly Piece[]) {
  const tickets: Ticket[] = []
  const seen = new Set<string>()
  const children: Record<string, number> = {}
  for (const piece of [first, ...expanded]) {
    Object.assign(children, piece.children)
    for (const t of piece.tickets)
      if (!seen.has(t.key)) {
        seen.add(t.key)
        tickets.push(t)
      }
  }
  const shownChildren = new Map<string, number>()
  for (const t of tickets)
    if (t.parent_id) shownChildren.set(t.parent_id, (shownChildren.get(t.parent_id) ?? 0) + 1)
  const hidden = new Map(
    tickets.map((t) => [
      t.key,
      Math.max(0, (children[t.key] ?? 0) - (shownChildren.get(t.key) ?? 0)),
    ]),
  )
  return { tickets, hidden }
}

/** Parent edges and dependency edges (blocker → blocked) between the tickets shown. */
export function graphOf(
  tickets: readonly Ticket[],
  hidden: ReadonlyMap<string, number> = new Map(),
) {
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
  // Tickets joined to others are laid out in layers; the rest, which dagre would put in one
  // row hundreds of boxes wide, go in a grid below them.
  const joined = new Set(edges.flatMap((e) => [e.source, e.target]))
  const g = new dagre.graphlib.Graph()
  g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 56 })
  g.setDefaultEdgeLabel(() => ({}))
  for (const t of tickets) if (joined.has(t.key)) g.setNode(t.key, { width: WIDTH, height: HEIGHT })
  for (const e of edges) g.setEdge(e.source, e.target)
  dagre.layout(g)
  const below = joined.size > 0 ? (g.graph().height ?? 0) + 56 : 0
  const alone = tickets.filter((t) => !joined.has(t.key))
  const columns = Math.max(1, Math.ceil(Math.sqrt(alone.length * 2)))
  const place = new Map(
    alone.map((t, i) => [
      t.key,
      {
        x: (i % columns) * (WIDTH + 24) + WIDTH / 2,
        y: below + Math.floor(i / columns) * (HEIGHT + 24) + HEIGHT / 2,
      },
    ]),
  )
  const nodes: TicketNode[] = tickets.map((t) => {
    const p = place.get(t.key) ?? g.node(t.key)
    return {
      id: t.key,
      type: 'ticket',
      position: { x: p.x - WIDTH / 2, y: p.y - HEIGHT / 2 },
      data: { ticket: t, hidden: hidden.get(t.key) ?? 0 },
      ariaLabel: `${t.key} ${t.title}`,
      width: WIDTH,
      height: HEIGHT,
    }
  })
  return { nodes, edges }
}
