import type { EditableField, Ticket } from '../../domain/ticket.ts'
import { childRowsOf, hasChildren, type TicketRow } from '../../store/tickets.ts'
import { ticketFor } from './access.ts'
import { at, type Ctx, mutate, record, type Tx } from './context.ts'
import { assertProjectOpen } from './guards.ts'
import { recomputeAncestors } from './lifecycle.ts'
import { insertNewTicket } from './new-ticket.ts'
import { loadTicket } from './read.ts'

/**
 * One copy, as the reference makes it (reference/cli.md §7.7): same type, title, description,
 * acceptance criteria, priority, order, estimates, workflow and labels; a fresh start at the
 * first stage, unassigned, not ready, without git fields, comments, time or dependencies.
 */
async function copyOne(tx: Tx, s: TicketRow, parent: { id: number; key: string } | null) {
  // Every editable field is named, so a new one is copied or left out on purpose.
  const fields = {
    title: s.title,
    description: s.description,
    acceptance_criteria: s.acceptance_criteria,
    git_repository: '',
    git_branch: '',
    priority: s.priority,
    sort_order: s.sort_order,
    estimate_effort: s.estimate_effort,
    estimate_complete: s.estimate_complete,
  } satisfies Record<EditableField, unknown>
  const { id, key } = await insertNewTicket(tx, {
    ...fields,
    project: { id: s.project_id, prefix: s.project_prefix },
    type: s.type,
    parent,
    clone_of: s,
    workflow_id: s.workflow_id,
    review_status: s.review_status === null ? null : 'proposed',
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
  await record(tx.db, tx.ctx, { ...at(s), event_type: 'ticket_cloned', payload: { clone: key } })
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
