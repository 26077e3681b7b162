/** @module `tk ready` hands a designed ticket to the queue (docs/decisions "ready moves to the work stage"). */
import { workStage } from '../../domain/claim.ts'
import { hasChildren, type TicketRow } from '../../store/tickets.ts'
import type { Tx } from './context.ts'
import { moveTicket } from './lifecycle.ts'
import { stagesOf } from './resolve.ts'

/**
 * Ready means the design is done: an idle leaf in a stage before its workflow's work stage
 * moves there (idle), recorded in history like any stage change, so the queue offers it.
 * A ticket at or past the work stage, at work, or a parent (derived status) stays where it is.
 */
export async function moveToWorkStageInTx(tx: Tx, t: TicketRow): Promise<void> {
  if (t.state !== 'idle' || (await hasChildren(tx.db, t.id))) return
  const project = await tx.db
    .selectFrom('projects')
    .select('status')
    .where('id', '=', t.project_id)
    .executeTakeFirst()
  if (project?.status !== 'open') return
  const stages = await stagesOf(tx.db, t)
  const work = workStage(stages)
  if (stages.indexOf(t.stage) >= stages.indexOf(work)) return
  await moveTicket(tx, t, [
    { from: { stage: t.stage, state: 'idle' }, to: { stage: work, state: 'idle' } },
  ])
}
