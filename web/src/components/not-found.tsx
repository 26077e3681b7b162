import type { ReactNode } from 'react'
import { Link } from 'wouter'
import { EmptyState } from './states.tsx'

/**
 * The one page for something that is not there, or not there for this user (the server hides
 * what a user may not read, so the two look the same): what was asked for, and a way on.
 */
export function NotFound({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="page not-found" aria-labelledby="not-found-h">
      <h1 id="not-found-h">{title}</h1>
      <EmptyState icon="missing" title="Nothing here">
        <p>{children}</p>
        <Link href="/" className="btn btn-primary">
          Go to all projects
        </Link>
      </EmptyState>
    </section>
  )
}

export const isNotFound = (error: unknown) =>
  typeof error === 'object' &&
  error !== null &&
  'code' in error &&
  (error.code === 'not_found' || error.code === 'forbidden')
