import type { ReactNode } from 'react'

/** A designed empty state: what is (not) here, and the way on. */
export function EmptyState(props: { icon?: string; title: string; children?: ReactNode }) {
  return (
    <div className="state-box">
      <span className="state-icon" aria-hidden="true">
        {props.icon ?? '○'}
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
