/**
 * @module The original's response fields, added beside ours where an answer of ours has a
 * different shape (reference/api.md §1, §4.3), so a client written for the original reads
 * what it expects. Differences that cannot be added are listed in docs/guide.md "Departures".
 */
import type { Workflow } from '../domain/workflow.ts'
import type { UserWithPassword } from '../service/organisation-service.ts'
import type { Dependencies } from '../service/ticket-service.ts'

/** `POST /api/users`: the original answered the `User` itself, with `user_id`. */
export const createdUser = (created: UserWithPassword) => ({
  user_id: created.user.id,
  ...created.user,
  ...created,
})

/** `POST /api/workflows/:ref/stages`: the original answered the new `WorkflowStage`. */
export function addedStage(w: Workflow, name: string) {
  const s = w.stages.find((x) => x.name === name.trim().toLowerCase())
  if (!s) return w
  return {
    ...w,
    workflow_stage_id: s.id,
    workflow_id: w.id,
    stage_name: s.name,
    role_id: s.role_id,
    role_title: s.role ?? '',
    sort_order: s.position,
  }
}

/** `/api/dependencies`: the original answered the pair it stored (and `status` on delete). */
export const dependencyPair = (
  d: Dependencies,
  pair: { ticket_id: string; project_id: number | undefined },
  status?: 'deleted',
) => ({
  ...d,
  ticket_id: pair.ticket_id,
  ...(pair.project_id !== undefined ? { project_id: pair.project_id } : {}),
  ...(status ? { status } : {}),
})
