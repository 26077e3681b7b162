import '@xyflow/react/dist/base.css'
import './graph.css'
import { useQueries, useQuery } from '@tanstack/react-query'
import { Handle, type NodeProps, Position, ReactFlow, useReactFlow, useStore } from '@xyflow/react'
import { createContext, useContext, useEffect, useMemo, useRef, useState } from 'react'
import { Link, useLocation } from 'wouter'
import { keys } from '../../api/keys.ts'
import { service } from '../../api/service.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { EmptyState, LoadingState } from '../../components/states.tsx'
import { Button } from '../../components/ui.tsx'
import { FilterBar } from '../filters/filter-bar.tsx'
import { anyFilter, NO_FILTERS, useFilters } from '../filters/use-filters.ts'
import { TypeIcon } from '../ticket/ticket-badges.tsx'
import { GRAPH_LIMIT, graphOf, mergePieces, type TicketNode } from './graph-model.ts'

/** Loads a ticket's children into the graph; given to the boxes by context. */
const Expand = createContext<(key: string) => void>(() => {})

function TicketBox({ data }: NodeProps<TicketNode>) {
  const t = data.ticket
  const expand = useContext(Expand)
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
        {data.hidden > 0 ? (
          <button
            type="button"
            className="graph-expand nopan"
            aria-label={`Show ${data.hidden} more children of ${t.key}`}
            onClick={(e) => {
              e.stopPropagation()
              expand(t.key)
            }}
          >
            +{data.hidden}
          </button>
        ) : null}
      </div>
      <div className="graph-node-title">{t.title}</div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  )
}

const nodeTypes = { ticket: TicketBox }
const FIT = { minZoom: 0.75, maxZoom: 1, padding: 24 }

/**
 * The first view of the graph: as large as fits, but never below 3/4 size (smaller text is
 * not read) nor above life size. What fits is centred; a graph wider or taller than the canvas
 * at that size starts at its top-left corner, so the first boxes are whole and the rest is
 * panned to (centring it would cut boxes at both edges).
 */
function FirstView() {
  // Every box measured (read from the store: useNodesInitialized never turned true here).
  const ready = useStore(
    (s) =>
      s.nodeLookup.size > 0 &&
      Array.from(s.nodeLookup.values()).every((n) => (n.measured.width ?? 0) > 0),
  )
  const flow = useReactFlow()
  const width = useStore((s) => s.width)
  const height = useStore((s) => s.height)
  // The pan and zoom handler comes a moment after the boxes are measured; before it,
  // setViewport does nothing.
  const canMove = useStore((s) => s.panZoom !== null)
  const done = useRef(false)
  useEffect(() => {
    if (!ready || !canMove || done.current || width === 0 || height === 0) return
    done.current = true
    const b = flow.getNodesBounds(flow.getNodes())
    const room = { w: width - 2 * FIT.padding, h: height - 2 * FIT.padding }
    const zoom = Math.min(
      FIT.maxZoom,
      Math.max(FIT.minZoom, Math.min(room.w / b.width, room.h / b.height)),
    )
    const place = (start: number, size: number, span: number, full: number) =>
      size * zoom <= span ? (full - size * zoom) / 2 - start * zoom : FIT.padding - start * zoom
    void flow.setViewport({
      x: place(b.x, b.width, room.w, width),
      y: place(b.y, b.height, room.h, height),
      zoom,
    })
  }, [ready, canMove, flow, width, height])
  return null
}

/** An expanded ticket and its children as loaded: what the view is to bring into sight. */
type Expansion = { readonly key: string; readonly children: readonly string[] }

/**
 * After an expansion the graph is laid out again, and the new children (and the ticket
 * itself) may lie far from what is in view. The view moves to them once they are measured: the
 * ticket and all its children when they fit at 3/4 size or more; otherwise the ticket at the
 * top in the middle, with the children nearest below it. Focus goes to the ticket's key, since
 * the + that had it is gone. Once per expansion, so a live change does not move the view.
 */
function FollowExpansion({ expansion }: { expansion: Expansion | null }) {
  const flow = useReactFlow()
  const width = useStore((s) => s.width)
  const height = useStore((s) => s.height)
  const ready = useStore(
    (s) =>
      expansion !== null &&
      [expansion.key, ...expansion.children].every(
        (k) => (s.nodeLookup.get(k)?.measured.width ?? 0) > 0,
      ),
  )
  const followed = useRef<string | null>(null)
  useEffect(() => {
    if (expansion === null) followed.current = null
    if (!expansion || !ready || followed.current === expansion.key) return
    followed.current = expansion.key
    const group = flow.getNodesBounds([expansion.key, ...expansion.children])
    const ticket = flow.getNodesBounds([expansion.key])
    const room = { w: width - 2 * FIT.padding, h: height - 2 * FIT.padding }
    const zoom = Math.min(
      FIT.maxZoom,
      Math.max(FIT.minZoom, Math.min(room.w / group.width, room.h / group.height)),
    )
    const x = group.width * zoom <= room.w ? group.x + group.width / 2 : ticket.x + ticket.width / 2
    const y =
      group.height * zoom <= room.h ? group.y + group.height / 2 : ticket.y + room.h / 2 / zoom
    void flow.setCenter(x, y, { zoom })
    document
      .querySelector<HTMLElement>(
        `.react-flow__node[data-id="${CSS.escape(expansion.key)}"] .graph-node-key`,
      )
      ?.focus({ preventScroll: true })
  }, [expansion, ready, flow, width, height])
  return null
}

/**
 * A bounded piece of the project's open tickets as a graph (parents above children, blockers
 * above what they block): the first GRAPH_LIMIT the filter matches, in key order, and the
 * children of each ticket expanded. Reads what it shows, whatever the project's size.
 */
export default function GraphPage({ prefix }: { prefix: string }) {
  const [, navigate] = useLocation()
  const [filters, setFilters] = useFilters()
  const filter = {
    ...(filters.type ? { type: filters.type as never } : {}),
    ...(filters.assignee ? { assignee: filters.assignee } : {}),
    ...(filters.label ? { label: filters.label } : {}),
  }
  const [expanded, setExpanded] = useState<readonly string[]>([])
  const first = useQuery({
    queryKey: [...keys.graph(prefix), filter],
    queryFn: () => service.ticketGraph({ project: prefix, ...filter, limit: GRAPH_LIMIT }),
  })
  const children = useQueries({
    queries: expanded.map((key) => ({
      queryKey: [...keys.graph(prefix), 'children', key],
      queryFn: () => service.ticketGraph({ project: prefix, parent: key, limit: GRAPH_LIMIT }),
    })),
  })
  const pieces = children.flatMap((c) => (c.data ? [c.data] : []))
  // A new array each render; what it holds changes only when a piece's data does.
  const loaded = children.map((c) => c.dataUpdatedAt).join()
  // biome-ignore lint/correctness/useExhaustiveDependencies: `loaded` says when pieces changed
  const built = useMemo(() => {
    if (!first.data) return null
    const { tickets, hidden } = mergePieces(first.data, pieces)
    return {
      ...graphOf(tickets, hidden),
      total: first.data.total,
      first: first.data.tickets.length,
    }
  }, [first.data, loaded])
  // The last ticket expanded, once its children are read: the view follows it.
  const lastKey = expanded.at(-1)
  const lastPiece = children.at(-1)?.data
  const expansion = useMemo(
    () =>
      lastKey && lastPiece ? { key: lastKey, children: lastPiece.tickets.map((t) => t.key) } : null,
    [lastKey, lastPiece],
  )
  const expand = (key: string) => setExpanded((e) => (e.includes(key) ? e : [...e, key]))
  const setFilter = (patch: Parameters<typeof setFilters>[0]) => {
    setExpanded([])
    setFilters(patch)
  }
  const cut = built !== null && built.total > built.first
  return (
    <section className="page graph-page">
      <h1>{prefix} graph</h1>
      <FilterBar filters={filters} onChange={setFilter} />
      <ErrorNote error={first.error ?? children.find((c) => c.error)?.error ?? null} />
      {first.isPending ? <LoadingState label="Loading the graph" /> : null}
      {built && built.nodes.length === 0 ? (
        anyFilter(filters) ? (
          <EmptyState icon="none" title="No open tickets match">
            <Button variant="primary" onClick={() => setFilter(NO_FILTERS)}>
              Clear filters
            </Button>
          </EmptyState>
        ) : (
          <EmptyState icon="empty" title="No open tickets to draw" />
        )
      ) : null}
      {built && built.nodes.length > 0 ? (
        <>
          {cut ? (
            <p className="cap-note" role="status">
              <strong>
                Showing {built.first.toLocaleString()} of {built.total.toLocaleString()} open
                tickets
              </strong>{' '}
              — narrow the filter, or expand a ticket (+) to add its children.
            </p>
          ) : null}
          <p className="graph-legend muted">
            <span className="graph-key-parent">— parent to child</span>{' '}
            <span className="graph-key-dependency">→ blocker to blocked</span>
          </p>
          <div className="graph-canvas">
            <Expand.Provider value={expand}>
              <ReactFlow
                nodes={built.nodes}
                edges={built.edges}
                nodeTypes={nodeTypes}
                nodesDraggable={false}
                nodesConnectable={false}
                edgesFocusable={false}
                nodesFocusable={false}
                onNodeClick={(_, n) => navigate(`/t/${n.id}`)}
                minZoom={0.05}
                proOptions={{ hideAttribution: true }}
              >
                <FirstView />
                <FollowExpansion expansion={expansion} />
              </ReactFlow>
            </Expand.Provider>
          </div>
        </>
      ) : null}
    </section>
  )
}
