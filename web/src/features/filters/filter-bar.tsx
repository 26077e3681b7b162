import { Button } from '../../components/ui.tsx'
import { TYPE_LABELS } from '../ticket/labels.ts'
import { anyFilter, type Filters, NO_FILTERS } from './use-filters.ts'

export function FilterBar(props: {
  filters: Filters
  onChange: (patch: Partial<Filters>) => void
  /** The text filter's label; without one, no text filter (a view that cannot search). */
  textLabel?: string
}) {
  const { filters, onChange } = props
  return (
    <fieldset className="filters">
      <legend className="sr-only">Filters</legend>
      <label>
        Type
        <select value={filters.type} onChange={(e) => onChange({ type: e.target.value })}>
          <option value="">any</option>
          {Object.keys(TYPE_LABELS).map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label>
        Assignee
        <input
          value={filters.assignee}
          size={10}
          placeholder="any"
          onChange={(e) => onChange({ assignee: e.target.value.trim() })}
        />
      </label>
      <label>
        Label
        <input
          value={filters.label}
          size={10}
          placeholder="any"
          onChange={(e) => onChange({ label: e.target.value.trim() })}
        />
      </label>
      {props.textLabel ? (
        <label>
          {props.textLabel}
          <input
            type="search"
            value={filters.q}
            onChange={(e) => onChange({ q: e.target.value })}
            placeholder="words"
          />
        </label>
      ) : null}
      {anyFilter(filters) ? (
        <Button variant="ghost" onClick={() => onChange(NO_FILTERS)}>
          Clear filters
        </Button>
      ) : null}
    </fieldset>
  )
}
