import { conflict } from '../../domain/errors.ts'
import { first, prepared } from '../../store/prepared.ts'
import type { Db } from '../../store/store.ts'
import type { TicketRow } from '../../store/tickets.ts'
import { hasChildren } from '../../store/tickets.ts'

/** domain.md "Open, closed, archived": a closed or archived ticket takes no changes. */
export function assertEditable(t: TicketRow): void {
  if (t.archived === 1)
    throw conflict(`ticket ${t.key} is archived`, `unarchive it first: tk unarchive ${t.key}`)
  if (t.open === 0) throw conflict(`ticket ${t.key} is closed`, `reopen it first: tk open ${t.key}`)
}

const projectStatus = prepared(
  (db, projectId: number) =>
    db.selectFrom('projects').select(['prefix', 'status']).where('id', '=', projectId),
  'projectStatus',
)

export async function assertProjectOpen(db: Db, projectId: number): Promise<void> {
  const p = await first(projectStatus(db, projectId))
  if (p) assertOpen(p)
}

/** The same check on a project row already read. */
export function assertOpen(p: { readonly prefix: string; readonly status: string }): void {
  if (p.status === 'closed')
    throw conflict(`project ${p.prefix} is closed`, `reopen it first: tk project open ${p.prefix}`)
}

/** Lifecycle changes are made on open leaves of open projects only (domain.md "Lifecycle"). */
export async function assertLifecycleChangeable(db: Db, t: TicketRow): Promise<void> {
  assertEditable(t)
  await assertProjectOpen(db, t.project_id)
  if (await hasChildren(db, t.id))
    throw conflict(
      'ticket has children; stage/state is derived from descendants',
      'change the child tickets instead',
    )
}
