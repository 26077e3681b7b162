import { useRef, useState } from 'react'
import { Link, useLocation } from 'wouter'
import { canWrite, useProjectRole, useTickets } from '../../api/queries.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { useShortcuts } from '../../components/use-shortcuts.ts'
import { FilterBar } from '../filters/filter-bar.tsx'
import { useFilters } from '../filters/use-filters.ts'
import { TicketBadges } from '../ticket/ticket-badges.tsx'
import { BulkActions } from './bulk-actions.tsx'
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
  const role = useProjectRole(prefix)
  const table = useRef<HTMLTableElement>(null)
  const tickets = useTickets(prefix, {
    ...(filters.type ? { type: filters.type as never } : {}),
    ...(filters.assignee ? { assignee: filters.assignee } : {}),
    ...(filters.label ? { label: filters.label } : {}),
    ...(filters.q ? { q: filters.q } : {}),
    ...(closed ? { closed: true } : {}),
  })
  // With a search, rows come best match first unless a column is chosen.
  const [sorted, setSorted] = useState(false)
  const rows = tickets.data
    ? filters.q && !sorted
      ? tickets.data
      : sortTickets(tickets.data, sort)
    : []

  const moveFocus = (dir: 1 | -1) => {
    const links = [...(table.current?.querySelectorAll<HTMLAnchorElement>('a[data-row]') ?? [])]
    const i = links.indexOf(document.activeElement as HTMLAnchorElement)
    links[Math.max(0, Math.min(links.length - 1, i + dir))]?.focus()
  }
  useShortcuts({ j: () => moveFocus(1), k: () => moveFocus(-1) })

  const toggle = (key: string) => {
    const next = new Set(selected)
    if (next.has(key)) next.delete(key)
    else next.add(key)
    setSelected(next)
  }
  const sortBy = (by: Column) => {
    setSorted(true)
    setSort((s) => ({ by, desc: s.by === by ? !s.desc : false }))
  }

  return (
    <section className="page">
      <h1>
        {prefix} list <span className="muted">({rows.length})</span>
      </h1>
      <FilterBar filters={filters} onChange={setFilters} textLabel="Full-text search" />
      <label className="inline">
        <input type="checkbox" checked={closed} onChange={(e) => setClosed(e.target.checked)} />
        Include closed
      </label>
      {canWrite(role) ? (
        <BulkActions
          prefix={prefix}
          selected={[...selected]}
          onDone={() => setSelected(new Set())}
        />
      ) : null}
      <ErrorNote error={tickets.error} />
      <table className="tickets" ref={table}>
        <thead>
          <tr>
            {canWrite(role) ? (
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
        <tbody>
          {rows.map((t) => (
            <tr key={t.key} className={selected.has(t.key) ? 'selected' : undefined}>
              {canWrite(role) ? (
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${t.key}`}
                    checked={selected.has(t.key)}
                    onChange={() => toggle(t.key)}
                  />
                </td>
              ) : null}
              <td>
                <Link
                  href={`/t/${t.key}`}
                  data-row={t.key}
                  onKeyDown={(e) => e.key === 'e' && navigate(`/t/${t.key}`)}
                >
                  {t.key}
                </Link>
              </td>
              <td>
                {t.title} <TicketBadges ticket={t} markersOnly />
              </td>
              <td>{t.type}</td>
              <td>{t.status}</td>
              <td>{t.assignee ?? ''}</td>
              <td>{t.priority}</td>
              <td>
                <time dateTime={t.updated_at}>{new Date(t.updated_at).toLocaleDateString()}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {tickets.isSuccess && rows.length === 0 ? <p>No tickets match.</p> : null}
    </section>
  )
}
