import type { ReactNode } from 'react'
import { useProject } from '../api/queries.ts'
import { isNotFound, NotFound } from './not-found.tsx'

/**
 * Every project view, behind one check: a project the user cannot see shows the not-found page
 * instead of the view. The view renders while the project loads, so its own data is fetched
 * alongside, not after.
 */
export function ProjectGate({ prefix, children }: { prefix: string; children: ReactNode }) {
  const project = useProject(prefix)
  if (isNotFound(project.error))
    return (
      <NotFound title="Project not found">
        There is no project {prefix.toUpperCase()}, or you are not one of its members.
      </NotFound>
    )
  return children
}
