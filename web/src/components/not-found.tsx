import type { ReactNode } from 'react'
import { Link } from 'wouter'

/**
 * The one page for something that is not there, or not there for this user (the server hides
 * what a user may not read, so the two look the same): what was asked for, and a way on.
 */
export function NotFound({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="page not-found" aria-labelledby="not-found-h">
      <h1 id="not-found-h">{title}</h1>
      <p>{children}</p>
      <p>
        <Link href="/">Go to all projects</Link>
      </p>
    </section>
  )
}

export const isNotFound = (error: unknown) =>
  typeof error === 'object' &&
  error !== null &&
  'code' in error &&
  (error.code === 'not_found' || error.code === 'forbidden')
