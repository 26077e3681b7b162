import type { ReactNode } from 'react'

/**
 * A designed list (`ul.rows`) whose rows each end in a Remove button, or `none` in muted text
 * when there are no rows.
 */
export function RemovableRows<T>(props: {
  items: readonly T[] | undefined
  none: string
  name: (item: T) => string
  onRemove: (item: T) => void
  children: (item: T) => ReactNode
}) {
  if (!props.items) return null
  if (props.items.length === 0) return <p className="muted">{props.none}</p>
  return (
    <ul className="rows">
      {props.items.map((item) => (
        <li key={props.name(item)}>
          {props.children(item)}
          <span className="row-actions">
            {/* The row names what is removed; the name in the label is for screen readers. */}
            <button
              type="button"
              className="small"
              aria-label={`Remove ${props.name(item)}`}
              onClick={() => props.onRemove(item)}
            >
              Remove
            </button>
          </span>
        </li>
      ))}
    </ul>
  )
}
