import { initialLifecycle } from '../../domain/lifecycle.ts'
import type { Ticket, TicketType } from '../../domain/ticket.ts'
import { formatTicketKey } from '../../domain/ticket-key.ts'
import {
  childRowsOf,
  hasChildren,
  insertTicket,
  type TicketRow,
  takeSequence,
} from '../../store/tickets.ts'
import { ticketFor } from './access.ts'
import { type Ctx, mutate, record, stamp, type Tx } from './context.ts'
import { assertProjectOpen } from './guards.ts'
import { recomputeAncestors } from './lifecycle.ts'
import { loadTicket } from './read.ts'
import { stagesOf } from './resolve.ts'

/**
 * One copy, as the reference makes it (reference/cli.md §7.7): same type, title, description,
 * acceptance criteria, priority, order, estimates, workflow and labels; a fresh start at the
 * first stage, unassigned, not ready, without git fields, comments, time or dependencies.
 */
async function copyOne(tx: Tx, s: TicketRow, parent: { id: number; key: string } | null) {
  const lifecycle = initialLifecycle(await stagesOf(tx.db, s))
  const seq = await takeSequence(tx.db, s.project_id)
  const key = formatTicketKey(s.project_prefix, s.type as TicketType, seq)
  const now = stamp(tx.ctx)
  const id = await insertTicket(tx.db, {
    project_id: s.project_id,
    seq,
    key,
    type: s.type,
    title: s.title,
    description: s.description,
    acceptance_criteria: s.acceptance_criteria,
    parent_id: parent?.id ?? null,
    clone_of_id: s.id,
    workflow_id: s.workflow_id,
    stage: lifecycle.stage,
    state: lifecycle.state,
    priority: s.priority,
    sort_order: s.sort_order,
    estimate_effort: s.estimate_effort,
    estimate_complete: s.estimate_complete,
    review_status: s.review_status === null ? null : 'proposed',
    created_by: tx.ctx.actor.username,
    created_at: now,
    updated_at: now,
  })
  const labels = await tx.db
    .selectFrom('ticket_labels')
    .select('label_id')
    .where('ticket_id', '=', s.id)
    .execute()
  if (labels.length > 0)
    await tx.db
      .insertInto('ticket_labels')
      .values(labels.map((l) => ({ ticket_id: id, label_id: l.label_id })))
      .execute()
  await record(tx.db, tx.ctx, {
    event_type: 'ticket_created',
    project_id: s.project_id,
    ticket_id: id,
    ticket_key: key,
    payload: {
      type: s.type,
      title: s.title,
      status: `${lifecycle.stage}/${lifecycle.state}`,
      parent: parent?.key ?? null,
      assignee: null,
      clone_of: s.key,
    },
  })
  await record(tx.db, tx.ctx, {
    event_type: 'ticket_cloned',
    project_id: s.project_id,
    ticket_id: s.id,
    ticket_key: s.key,
    payload: { clone: key },
  })
  tx.created.add(id)
  return { id, key }
}

/** Copies `s` under `parent`, then each of its children (closed and archived ones too) under the copy. */
async function copyTree(
  tx: Tx,
  s: TicketRow,
  parent: { id: number; key: string } | null,
  leaves: number[],
): Promise<number> {
  const made = await copyOne(tx, s, parent)
  const children = await childRowsOf(tx.db, s.id)
  if (children.length === 0) leaves.push(made.id)
  for (const child of children) await copyTree(tx, child, made, leaves)
  return made.id
}

export async function cloneTicket(ctx: Ctx, ref: string): Promise<Ticket> {
  const id = await mutate(ctx, async (tx) => {
    const source = await ticketFor(tx.db, ctx, ref, 'write')
    await assertProjectOpen(tx.db, source.project_id)
    const leaves: number[] = []
    const root = await copyTree(tx, source, null, leaves)
    // Copies start fresh, but a subtree mixing workflows can still derive a different parent state.
    if (await hasChildren(tx.db, root))
      for (const leaf of leaves) await recomputeAncestors(tx, leaf)
    return root
  })
  return loadTicket(ctx, id)
}
