import { invalid } from '../../domain/errors.ts'
import type { Ticket } from '../../domain/ticket.ts'
import type { Db } from '../../store/store.ts'
import {
  ancestorIds,
  childCountsOf,
  selectTickets,
  type TicketRow,
  toTickets,
  updateTicketRow,
} from '../../store/tickets.ts'
import type { TreeNode, TreePage, TreePageInput } from '../ticket-service.ts'
import { projectFor, ticketFor } from './access.ts'
import { at, type Ctx, mutate, record, stamp, type Tx } from './context.ts'
import { assertEditable } from './guards.ts'
import { recomputeAncestors } from './lifecycle.ts'
import { loadTicket } from './read.ts'
import { assertParentAllowed } from './tickets.ts'

export async function setParent(ctx: Ctx, ref: string, parentRef: string): Promise<Ticket> {
  const id = await mutate(ctx, async (tx) => {
    const t = await ticketFor(tx.db, ctx, ref, 'write')
    assertEditable(t)
    await setParentInTx(tx, t, parentRef)
    return t.id
  })
  return loadTicket(ctx, id)
}

/**
 * Attaches `t` (read for writing, checked editable) under `parentRef`, or detaches it for
 * null, under the rules of `tk set-parent`/`tk unset-parent`; shared with `updateTicket`.
 */
export async function setParentInTx(tx: Tx, t: TicketRow, parentRef: string | null) {
  if (parentRef === null) return detachInTx(tx, t)
  const { ctx } = tx
  const parent = await ticketFor(tx.db, ctx, parentRef, 'read')
  assertParentAllowed(parent, t)
  // domain.md "Hierarchy": a ticket can never become its own ancestor.
  if ((await ancestorIds(tx.db, parent.id)).includes(t.id))
    throw invalid(
      `${parent.key} is below ${t.key}; attaching would make a cycle`,
      `detach ${parent.key} first or choose another parent`,
    )
  if (t.parent_id === parent.id) return
  const oldParent = t.parent_id
  await updateTicketRow(tx.db, t.id, { parent_id: parent.id, updated_at: stamp(ctx) })
  await record(tx.db, ctx, {
    ...at(t),
    event_type: 'ticket_attached',
    payload: { old: t.parent_key, new: parent.key },
  })
  tx.touched.add(t.id)
  await recomputeAncestors(tx, t.id)
  if (oldParent !== null) await rederive(tx, oldParent)
}

/** After a child leaves, its old parent (if it still has children) and the chain above re-derive. */
async function rederive(tx: Parameters<typeof recomputeAncestors>[0], parentId: number) {
  const child = await tx.db
    .selectFrom('tickets')
    .select('id')
    .where('parent_id', '=', parentId)
    .limit(1)
    .executeTakeFirst()
  await recomputeAncestors(tx, child ? child.id : parentId)
}

export async function unsetParent(ctx: Ctx, ref: string): Promise<Ticket> {
  const id = await mutate(ctx, async (tx) => {
    const t = await ticketFor(tx.db, ctx, ref, 'write')
    assertEditable(t)
    await detachInTx(tx, t)
    return t.id
  })
  return loadTicket(ctx, id)
}

async function detachInTx(tx: Tx, t: TicketRow) {
  if (t.parent_id === null) return
  await updateTicketRow(tx.db, t.id, { parent_id: null, updated_at: stamp(tx.ctx) })
  await record(tx.db, tx.ctx, {
    ...at(t),
    event_type: 'ticket_detached',
    payload: { old: t.parent_key, new: null },
  })
  tx.touched.add(t.id)
  await rederive(tx, t.parent_id)
}

export async function listOrphans(ctx: Ctx, project: string): Promise<Ticket[]> {
  return ctx.store.read(async (db) => {
    const p = await projectFor(db, ctx, project, 'read')
    const rows = await selectTickets(db)
      .where('t.project_id', '=', p.id)
      .where('t.parent_id', 'is', null)
      .where('t.type', '<>', 'epic')
      .where('t.open', '=', 1)
      .where('t.archived', '=', 0)
      .orderBy('t.id')
      .execute()
    return toTickets(db, rows)
  })
}

/** The ticket `id` and its unarchived descendants (an archived ticket's subtree is left out). */
const subtreeIds = (db: Db, id: number) =>
  db
    .withRecursive('subtree(id)', (qb) =>
      qb
        .selectFrom('tickets')
        .select('id')
        .where('id', '=', id)
        .unionAll((q) =>
          q
            .selectFrom('tickets as c')
            .innerJoin('subtree', 'subtree.id', 'c.parent_id')
            .select('c.id')
            .where('c.archived', '=', 0),
        ),
    )
    .selectFrom('subtree')
    .select('subtree.id')

export async function tree(
  ctx: Ctx,
  input: { ticket?: string; project?: string },
): Promise<TreeNode[]> {
  return ctx.store.read(async (db) => {
    const root = input.ticket ? await ticketFor(db, ctx, input.ticket, 'read') : undefined
    const projectId = root
      ? root.project_id
      : (await projectFor(db, ctx, input.project ?? '', 'read')).id
    // One ticket's tree reads that ticket and what is below it, not the whole project.
    const rows = await (root
      ? selectTickets(db).where('t.id', 'in', subtreeIds(db, root.id))
      : selectTickets(db).where('t.project_id', '=', projectId)
    )
      .where('t.archived', '=', 0)
      .orderBy('t.id')
      .execute()
    const tickets = await toTickets(db, rows)
    const byParent = new Map<string | null, Ticket[]>()
    // Appended in place: copying the list for each ticket made 100,000 roots cost minutes.
    for (const t of tickets) {
      const siblings = byParent.get(t.parent_id)
      if (siblings) siblings.push(t)
      else byParent.set(t.parent_id, [t])
    }
    const build = (t: Ticket): TreeNode => ({
      ticket: t,
      children: (byParent.get(t.key) ?? []).map(build),
    })
    if (root) {
      const t = tickets.find((x) => x.key === root.key)
      return t ? [build(t)] : []
    }
    return (byParent.get(null) ?? []).filter((t) => t.open).map(build)
  })
}

/** Tickets a hierarchy page holds unless asked for fewer: quick to draw, a screen or two. */
export const TREE_PAGE_LIMIT = 200
const MAX_TREE_PAGE_LIMIT = 1000

/**
 * One page of the hierarchy in id order, the order `tree` draws: top-level open tickets
 * through `tickets_roots`, or one ticket's unarchived children through `tickets_parent`, each
 * page going on after the previous page's last ticket, so page 500 costs what page 1 does.
 * The shown tickets' children are counted with the page as a subquery (nothing bound per
 * ticket), and the total read from the same index (migration 11).
 */
export async function treePage(ctx: Ctx, input: TreePageInput): Promise<TreePage> {
  const limit = input.limit ?? TREE_PAGE_LIMIT
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TREE_PAGE_LIMIT)
    throw invalid(
      `invalid limit "${limit}"`,
      `a hierarchy page holds 1 to ${MAX_TREE_PAGE_LIMIT} tickets`,
    )
  return ctx.store.read(async (db) => {
    const project = await projectFor(db, ctx, input.project, 'read')
    const parent =
      input.parent === undefined ? undefined : await ticketFor(db, ctx, input.parent, 'read')
    if (parent && parent.project_id !== project.id)
      throw invalid(
        `${parent.key} is not in project ${project.prefix}`,
        `ask for ${parent.key}'s children in its own project, ${parent.project_prefix}`,
      )
    const after =
      input.after === undefined ? undefined : await ticketFor(db, ctx, input.after, 'read')
    let page = selectTickets(db).where('t.archived', '=', 0)
    let count = db
      .selectFrom('tickets as t')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('t.archived', '=', 0)
    if (parent) {
      page = page.where('t.parent_id', '=', parent.id)
      count = count.where('t.parent_id', '=', parent.id)
    } else {
      page = page.where('t.project_id', '=', project.id).where('t.parent_id', 'is', null)
      page = page.where('t.open', '=', 1)
      count = count.where('t.project_id', '=', project.id).where('t.parent_id', 'is', null)
      count = count.where('t.open', '=', 1)
    }
    if (after) page = page.where('t.id', '>', after.id)
    page = page.orderBy('t.id')
    // One more than shown says whether there is more; only then, or past page 1, is it counted.
    const rows = await page.limit(limit + 1).execute()
    const shown = rows.slice(0, limit)
    // Every unarchived child counts, closed ones too: a toggle opens them all.
    const children = await childCountsOf(db, page, limit, shown, false)
    const total =
      after === undefined && rows.length <= limit
        ? shown.length
        : Number((await count.executeTakeFirst())?.n ?? 0)
    return { tickets: await toTickets(db, shown), total, children }
  })
}
