/**
 * @module The graph view's data: a bounded piece of a project's tickets, read in key order
 * through `tickets_sort_key`, with the open children of each counted through `tickets_parent`
 * (docs/decisions/0041-bounded-graph-and-server-sorted-lists.md).
 */
import { invalid } from '../../domain/errors.ts'
import { parseLifecycleInput } from '../../domain/lifecycle.ts'
import type { Db } from '../../store/store.ts'
import { orderTerms } from '../../store/ticket-order.ts'
import { childCountsOf, toTickets } from '../../store/tickets.ts'
import type { TicketFilter, TicketGraph } from '../ticket-service.ts'
import { projectFor } from './access.ts'
import type { Ctx } from './context.ts'
import { countTickets, filteredTickets } from './tickets.ts'

/** Tickets a graph shows unless asked for fewer; past a few hundred boxes it is unreadable. */
export const GRAPH_LIMIT = 300
const MAX_GRAPH_LIMIT = 1000

export async function ticketGraph(
  ctx: Ctx,
  f: TicketFilter & { readonly project: string },
): Promise<TicketGraph> {
  const limit = f.limit ?? GRAPH_LIMIT
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_GRAPH_LIMIT)
    throw invalid(`invalid limit "${limit}"`, `a graph shows 1 to ${MAX_GRAPH_LIMIT} tickets`)
  // Open, unarchived tickets only (a graph shows the work that is left), from the first.
  const { closed: _c, archived: _a, after: _after, offset: _o, ...filter } = f
  const read = await ctx.store.read(async (db) => {
    let page = await filteredTickets(db, ctx, filter)
    for (const term of orderTerms('key', 'asc')) page = page.orderBy(term)
    // One more than shown says whether the limit cut.
    const rows = await page.limit(limit + 1).execute()
    const shown = rows.slice(0, limit)
    // Open children of the shown tickets.
    const children = await childCountsOf(db, page, limit, shown, true)
    const total = rows.length > limit ? await countedFast(db, ctx, filter) : shown.length
    return { tickets: await toTickets(db, shown), total, children }
  })
  return read.total === -1 ? { ...read, total: await countTickets(ctx, filter) } : read
}

/**
 * The matches of a filter on project, type, stage or state summed from `ticket_counts` (a few
 * rows); -1 when the filter needs the tickets themselves counted (assignee, label, parent).
 */
async function countedFast(db: Db, ctx: Ctx, f: TicketFilter & { readonly project: string }) {
  if (f.assignee !== undefined || f.label !== undefined || f.parent !== undefined) return -1
  const { stage, state } = parseLifecycleInput(f)
  let q = db
    .selectFrom('ticket_counts')
    .select((eb) => eb.fn.sum<number>('n').as('n'))
    .where('project_id', '=', (await projectFor(db, ctx, f.project, 'read')).id)
    .where('archived', '=', 0)
    .where('open', '=', 1)
  if (f.type !== undefined) q = q.where('type', '=', f.type)
  if (stage !== undefined) q = q.where('stage', '=', stage)
  if (state !== undefined) q = q.where('state', '=', state)
  return Number((await q.executeTakeFirst())?.n ?? 0)
}
