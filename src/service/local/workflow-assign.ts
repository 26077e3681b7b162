/** @module Setting and clearing the workflow of a project or ticket, keeping tickets valid. */
import { conflict, invalid } from '../../domain/errors.ts'
import { DEFAULT_STAGES } from '../../domain/lifecycle.ts'
import { mapLifecycle, type Workflow } from '../../domain/workflow.ts'
import { hasChildren, selectTickets, type TicketRow, updateTicketRow } from '../../store/tickets.ts'
import type { WorkflowChange, WorkflowTarget } from '../organisation-service.ts'
import { projectFor, ticketFor } from './access.ts'
import { at, type Ctx, mutate, record, stamp, type Tx } from './context.ts'
import { assertEditable } from './guards.ts'
import { recomputeAncestors, recordMove } from './lifecycle.ts'
import { stagesOf } from './resolve.ts'
import { loadWorkflow, type Move, projectStages, resolveWorkflow } from './workflows.ts'

/** Moves each ticket to where `mapLifecycle` puts it in the new stages, recording each move. */
async function remap(
  tx: Tx,
  rows: readonly TicketRow[],
  oldStages: readonly string[],
  newStages: readonly string[],
): Promise<Move[]> {
  const moved: Move[] = []
  for (const t of rows) {
    const from = { stage: t.stage, state: t.state }
    const to = mapLifecycle(from, oldStages, newStages)
    if (to.stage === from.stage && to.state === from.state) continue
    await updateTicketRow(tx.db, t.id, {
      stage: to.stage,
      state: to.state,
      updated_at: stamp(tx.ctx),
    })
    await recordMove(tx, t, { from, to }, 'workflow changed')
    tx.touched.add(t.id)
    moved.push({ key: t.key, from, to })
  }
  // Parents follow their leaves again (one walk per distinct parent is enough).
  const byParent = new Map<number, number>()
  for (const t of rows) if (t.parent_id !== null) byParent.set(t.parent_id, t.id)
  for (const childId of byParent.values()) await recomputeAncestors(tx, childId)
  return moved
}

const names = (w: Workflow) => w.stages.map((s) => s.name)

async function onTicket(tx: Tx, ref: string, w: Workflow | null): Promise<WorkflowChange> {
  const t = await ticketFor(tx.db, tx.ctx, ref, 'write')
  assertEditable(t)
  if (await hasChildren(tx.db, t.id))
    throw conflict(
      `ticket ${t.key} has children; its lifecycle is derived from them`,
      'set the workflow on the child tickets, or on the project',
    )
  const oldStages = await stagesOf(tx.db, t)
  const before = t.workflow_id
  await tx.db
    .updateTable('tickets')
    .set({ workflow_id: w?.id ?? null, updated_at: stamp(tx.ctx) })
    .where('id', '=', t.id)
    .execute()
  const stages = w ? names(w) : await projectStages(tx.db, t.project_id)
  const moved = await remap(tx, [t], oldStages, stages)
  await record(tx.db, tx.ctx, {
    ...at(t),
    event_type: 'ticket_workflow_changed',
    payload: { old: before, new: w?.name ?? null },
  })
  tx.touched.add(t.id)
  return { target: { kind: 'ticket', ref: t.key }, workflow: w, stages, moved }
}

async function onProject(tx: Tx, ref: string, w: Workflow | null): Promise<WorkflowChange> {
  const p = await projectFor(tx.db, tx.ctx, ref, 'manage')
  const oldStages = await projectStages(tx.db, p.id)
  await tx.db
    .updateTable('projects')
    .set({ workflow_id: w?.id ?? null, updated_at: stamp(tx.ctx) })
    .where('id', '=', p.id)
    .execute()
  const stages = w ? names(w) : DEFAULT_STAGES
  const inheriting = await selectTickets(tx.db)
    .where('t.project_id', '=', p.id)
    .where('t.workflow_id', 'is', null)
    .orderBy('t.id')
    .execute()
  const moved = await remap(tx, inheriting, oldStages, stages)
  await record(tx.db, tx.ctx, {
    project_id: p.id,
    event_type: 'project_workflow_changed',
    payload: { old: p.workflow_id, new: w?.name ?? null, moved: moved.length },
  })
  return { target: { kind: 'project', ref: p.prefix }, workflow: w, stages, moved }
}

export async function setWorkflow(
  ctx: Ctx,
  target: WorkflowTarget,
  ref: string,
): Promise<WorkflowChange> {
  return mutate(ctx, async (tx) => {
    const w = await loadWorkflow(tx.db, await resolveWorkflow(tx.db, ref))
    if (w.stages.length === 0)
      throw invalid(
        `workflow ${w.name} has no stages`,
        `add some first: tk workflow add-stage -id ${w.name} -name develop`,
      )
    return 'ticket' in target ? onTicket(tx, target.ticket, w) : onProject(tx, target.project, w)
  })
}

export async function unsetWorkflow(ctx: Ctx, target: WorkflowTarget): Promise<WorkflowChange> {
  return mutate(ctx, (tx) =>
    'ticket' in target ? onTicket(tx, target.ticket, null) : onProject(tx, target.project, null),
  )
}
