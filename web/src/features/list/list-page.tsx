import { useWindowVirtualizer } from '@tanstack/react-virtual'
import { type MouseEvent, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { useLocation } from 'wouter'
import { useTicketCount, useTicketPages } from '../../api/list.ts'
import { useCanWrite } from '../../api/queries.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { EmptyState, LoadingState } from '../../components/states.tsx'
import { Button } from '../../components/ui.tsx'
import { useShortcuts } from '../../components/use-shortcuts.ts'
import { FilterBar } from '../filters/filter-bar.tsx'
import { anyFilter, NO_FILTERS, useFilters } from '../filters/use-filters.ts'
import { BulkActions } from './bulk-actions.tsx'
import { ListRow } from './list-row.tsx'
import { COLUMNS, type Column, type Sort, sortTickets } from './sort.ts'

const HEADINGS: Record<Column, string> = {
  key: 'Key',
  title: 'Title',
  type: 'Type',
  status: 'Status',
  assignee: 'Assignee',
  priority: 'Priority',
  updated_at: 'Updated',
}

export default function ListPage({ prefix }: { prefix: string }) {
  const [filters, setFilters] = useFilters()
  const [closed, setClosed] = useState(false)
  const [sort, setSort] = useState<Sort>({ by: 'updated_at', desc: true })
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())
  const [, navigate] = useLocation()
  const table = useRef<HTMLTableElement>(null)
  const filter = {
    ...(filters.type ? { type: filters.type as never } : {}),
    ...(filters.assignee ? { assignee: filters.assignee } : {}),
    ...(filters.label ? { label: filters.label } : {}),
    ...(filters.q ? { q: filters.q } : {}),
    ...(closed ? { closed: true } : {}),
  }
  // With a search, rows come best match first unless a column is chosen.
  const [sorted, setSorted] = useState(false)
  // Pages in the chosen order, sorted by the server (newest change first until a column is
  // chosen), more as the list is scrolled. A search's matches are few and read whole, so a
  // column sorts them here.
  const ordered =
    sorted && !filters.q
      ? { sort: sort.by, order: sort.desc ? ('desc' as const) : ('asc' as const) }
      : {}
  const tickets = useTicketPages(prefix, { ...filter, ...ordered })
  const count = useTicketCount(prefix, filter, !filters.q)
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = tickets
  const loaded = tickets.data?.pages.flat()
  const rows = loaded ? (filters.q && sorted ? sortTickets(loaded, sort) : loaded) : []

  // Only the rows in view (and a few more) are in the page: the table keeps its layout with
  // a spacer row above and below them.
  const body = useRef<HTMLTableSectionElement>(null)
  const [bodyTop, setBodyTop] = useState(0)
  // Where the rows start moves as the bars above them appear (filters, bulk actions); read
  // when those change, not on every scrolled frame (reading it forces a layout).
  const barsAbove = `${anyFilter(filters)} ${closed} ${selected.size > 0} ${rows.length > 0}`
  // biome-ignore lint/correctness/useExhaustiveDependencies: barsAbove says when to read again
  useLayoutEffect(() => {
    const top = Math.round((body.current?.getBoundingClientRect().top ?? 0) + window.scrollY)
    setBodyTop((old) => (old === top ? old : top))
  }, [barsAbove])
  const virtual = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => 41,
    overscan: 10,
    scrollMargin: bodyTop,
    getItemKey: (i) => rows[i]?.key ?? i,
  })
  const items = virtual.getVirtualItems()
  const lastShown = items[items.length - 1]?.index ?? -1
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastShown >= rows.length - 40) void fetchNextPage()
  }, [hasNextPage, isFetchingNextPage, lastShown, rows.length, fetchNextPage])
  const padTop = items[0] ? items[0].start - bodyTop : 0
  const padBottom = items.length
    ? virtual.getTotalSize() - ((items[items.length - 1]?.end ?? 0) - bodyTop)
    : 0

  const moveFocus = (dir: 1 | -1) => {
    const current = (document.activeElement as HTMLElement | null)?.dataset.row
    const i = rows.findIndex((r) => r.key === current)
    const next = rows[Math.max(0, Math.min(rows.length - 1, i + dir))]
    if (!next) return
    const find = () => table.current?.querySelector<HTMLElement>(`a[data-row="${next.key}"]`)
    const el = find()
    if (el) return el.focus()
    // The row is outside the rendered ones: scroll to it, then focus it once rendered.
    virtual.scrollToIndex(rows.indexOf(next))
    requestAnimationFrame(() => requestAnimationFrame(() => find()?.focus()))
  }
  useShortcuts({ j: () => moveFocus(1), k: () => moveFocus(-1) })

  const toggle = useCallback((key: string) => {
    setSelected((current) => {
      const next = new Set(current)
      if (next.has(key)) next.delete(key)
      else next.add(key)
      return next
    })
  }, [])
  const selectable = useCanWrite(prefix)
  // A plain left click on a row's link navigates within the app; e on it does too.
  const openRow = (e: MouseEvent<HTMLTableElement>) => {
    const link = (e.target as HTMLElement).closest<HTMLAnchorElement>('a[data-row]')
    if (!link || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return
    e.preventDefault()
    navigate(link.getAttribute('href') ?? '/')
  }
  const editRow = (e: { key: string; target: EventTarget }) => {
    const key = (e.target as HTMLElement).dataset.row
    if (key && e.key === 'e') navigate(`/t/${key}`)
  }
  const sortBy = (by: Column) => {
    setSorted(true)
    setSort((s) => ({ by, desc: s.by === by ? !s.desc : false }))
  }

  return (
    <section className="page">
      <h1>
        {prefix} list <span className="count">{count.data ?? rows.length}</span>
      </h1>
      <FilterBar filters={filters} onChange={setFilters} textLabel="Full-text search" />
      <label className="inline">
        <input type="checkbox" checked={closed} onChange={(e) => setClosed(e.target.checked)} />
        Include closed
      </label>
      {selectable ? (
        <BulkActions
          prefix={prefix}
          selected={[...selected]}
          onDone={() => setSelected(new Set())}
        />
      ) : null}
      <ErrorNote error={tickets.error} />
      <table className="tickets" ref={table} onClick={openRow} onKeyDown={editRow}>
        <thead>
          <tr>
            {selectable ? (
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label="Select all"
                  checked={rows.length > 0 && selected.size === rows.length}
                  onChange={(e) =>
                    setSelected(new Set(e.target.checked ? rows.map((r) => r.key) : []))
                  }
                />
              </th>
            ) : null}
            {COLUMNS.map((c) => (
              <th
                key={c}
                scope="col"
                aria-sort={
                  sort.by === c && sorted ? (sort.desc ? 'descending' : 'ascending') : 'none'
                }
              >
                <button type="button" className="as-text" onClick={() => sortBy(c)}>
                  {HEADINGS[c]}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody ref={body}>
          {padTop > 0 ? <tr className="spacer" style={{ height: padTop }} /> : null}
          {items.map((row) => {
            const t = rows[row.index]
            if (!t) return null
            return (
              <ListRow
                key={t.key}
                ticket={t}
                index={row.index}
                measure={virtual.measureElement}
                selectable={selectable}
                selected={selected.has(t.key)}
                onToggle={toggle}
              />
            )
          })}
          {padBottom > 0 ? <tr className="spacer" style={{ height: padBottom }} /> : null}
        </tbody>
      </table>
      {tickets.isPending ? <LoadingState label="Loading tickets" rows={6} /> : null}
      {tickets.isSuccess && rows.length === 0 ? (
        anyFilter(filters) || closed ? (
          <EmptyState icon="none" title="No tickets match">
            <Button
              variant="primary"
              onClick={() => {
                setClosed(false)
                setFilters(NO_FILTERS)
              }}
            >
              Clear filters
            </Button>
          </EmptyState>
        ) : (
          <EmptyState icon="new" title="No open tickets yet">
            <p>New tickets appear here, newest change first.</p>
          </EmptyState>
        )
      ) : null}
    </section>
  )
}
