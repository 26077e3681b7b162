import type { ReactNode } from 'react'

/**
 * The empty states' pictures, drawn as SVG rather than characters: a character such as "＋"
 * depends on the fonts a machine has, and without one it shows as an empty box.
 */
const ICONS = {
  /** Nothing yet: something to create. */
  new: <path d="M12 5v14M5 12h14" />,
  /** Filters or words that match nothing. */
  none: (
    <>
      <circle cx="12" cy="12" r="7" />
      <path d="M7 17 17 7" />
    </>
  ),
  /** A search that found nothing. */
  search: (
    <>
      <circle cx="10.5" cy="10.5" r="5.5" />
      <path d="m15 15 4.5 4.5" />
    </>
  ),
  /** Nothing at this address. */
  missing: (
    <>
      <path d="M6 3.5h8l4 4v13H6z" />
      <path d="M10 12.5h4" />
    </>
  ),
  /** Turned off. */
  off: (
    <>
      <circle cx="12" cy="12" r="7" />
      <path d="M9 12h6" />
    </>
  ),
  /** Empty. */
  empty: <circle cx="12" cy="12" r="7" />,
} as const

export type StateIcon = keyof typeof ICONS

/** A designed empty state: what is (not) here, and the way on. */
export function EmptyState(props: { icon?: StateIcon; title: string; children?: ReactNode }) {
  return (
    <div className="state-box">
      <span className="state-icon" aria-hidden="true">
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          width="22"
          height="22"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          {ICONS[props.icon ?? 'empty']}
        </svg>
      </span>
      <strong>{props.title}</strong>
      {props.children}
    </div>
  )
}

/** Placeholders shaped like what is coming, announced once to screen readers. */
export function LoadingState({ label, rows = 3 }: { label: string; rows?: number }) {
  return (
    <div className="loading" aria-live="polite" aria-busy="true">
      <p className="sr-only">{label}</p>
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
        <div key={i} className="skeleton" />
      ))}
    </div>
  )
}
