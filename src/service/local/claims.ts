import type { Access } from '../../domain/access.ts'
import { claimRefusal, workStage } from '../../domain/claim.ts'
import { conflict, forbidden } from '../../domain/errors.ts'
import { isFinalStage } from '../../domain/lifecycle.ts'
import type { Ticket } from '../../domain/ticket.ts'
import { claimQueue } from '../../store/queue.ts'
import type { Db } from '../../store/store.ts'
import {
  hasChildren,
  selectTickets,
  type TicketRow,
  toTickets,
  unfinishedDependencies,
  updateTicketRow,
} from '../../store/tickets.ts'
import type { ClaimInput, ClaimResult } from '../ticket-service.ts'
import { toUser } from '../users.ts'
import { assertMayWork, projectFor, ticketFor, visibleProjectIds } from './access.ts'
import { at, type Ctx, mutate, record, requireUser, type Tx } from './context.ts'
import { assertEditable } from './guards.ts'
import { leaseFor } from './lease.ts'
import { assignInTx, moveTicket, setStateInTx } from './lifecycle.ts'
import { noWorkCounts, noWorkReason } from './no-work.ts'
import { loadTicket } from './read.ts'
import { stagesOf } from './resolve.ts'
import { ticketContext } from './ticket-context.ts'

/**
 * Assigns `t` (already read for writing and checked editable) to `username`, or takes the
 * assignee away for null, under the rules of `tk assign`/`tk unassign`. Shared with
 * `updateTicket`, so an update that names an assignee obeys the same rules.
 */
export async function assignTicketInTx(tx: Tx, t: TicketRow, username: string | null) {
  if (username === null) {
    // domain.md "Assignment and claim": an active ticket keeps its assignee.
    if (t.state === 'active')
      throw conflict(
        `ticket ${t.key} is active and needs an assignee`,
        `set it idle first (tk idle ${t.key}) or give it up with tk unclaim ${t.key}`,
      )
    if (t.assignee !== null) await assignInTx(tx, t, null)
    return
  }
  // Sending the assignee it already has (the reference's PUT sends every field) changes nothing.
  if (t.assignee !== null && t.assignee === username.trim()) return
  const user = await requireUser(tx.db, username.trim())
  if (user.enabled !== 1)
    throw conflict(`user ${user.username} is disabled`, 'enable the user first: tk user enable')
  await assertMayWork(tx.db, toUser(user), t.project_id)
  if (t.assignee !== user.username) await assignInTx(tx, t, user.username)
}

export async function assign(ctx: Ctx, ref: string, username: string): Promise<Ticket> {
  const id = await mutate(ctx, async (tx) => {
    const t = await ticketFor(tx.db, ctx, ref, 'write')
    assertEditable(t)
    await assignTicketInTx(tx, t, username)
    return t.id
  })
  return loadTicket(ctx, id)
}

export async function unassign(ctx: Ctx, ref: string): Promise<Ticket> {
  const id = await mutate(ctx, async (tx) => {
    const t = await ticketFor(tx.db, ctx, ref, 'write')
    assertEditable(t)
    await assignTicketInTx(tx, t, null)
    return t.id
  })
  return loadTicket(ctx, id)
}

export async function unclaim(ctx: Ctx, ref: string): Promise<Ticket> {
  const id = await mutate(ctx, async (tx) => {
    const t = await ticketFor(tx.db, ctx, ref, 'write')
    assertEditable(t)
    if (t.assignee !== ctx.actor.username && ctx.actor.role !== 'admin')
      throw forbidden(
        `ticket ${t.key} is not claimed by you`,
        t.assignee ? `it is assigned to ${t.assignee}` : undefined,
      )
    if (t.state === 'active')
      await moveTicket(tx, t, [
        { from: { stage: t.stage, state: 'active' }, to: { stage: t.stage, state: 'idle' } },
      ])
    if (t.assignee !== null) await assignInTx(tx, t, null)
    return t.id
  })
  return loadTicket(ctx, id)
}

/** The projects work comes from: the one asked for, or every one the caller may read or write. */
async function claimScope(db: Db, ctx: Ctx, project: string | undefined, access: Access) {
  if (project) return [(await projectFor(db, ctx, project, access)).id]
  return visibleProjectIds(db, ctx.actor, access)
}

/** Leaves at their workflow's work stage, idle, ready, open, unassigned, unblocked, in claim order. */
async function eligible(
  db: Db,
  scope: number[] | 'all',
  limit: number,
  lock = false,
): Promise<TicketRow[]> {
  let projects = db.selectFrom('projects').select('id').where('status', '=', 'open')
  if (scope !== 'all') projects = projects.where('id', 'in', scope.length > 0 ? scope : [-1])
  const stages = await allWorkStages(db)
  const lanes = (await projects.execute()).flatMap((p) =>
    stages.map((stage) => ({ projectId: p.id, stage })),
  )
  const stagesCache = new Map<string, readonly string[]>()
  // The work stage depends on each ticket's workflow, so it is confirmed per candidate.
  return claimQueue(
    db,
    lanes,
    limit,
    async (row) => {
      const cacheKey = `${row.workflow_id}:${row.project_id}`
      const stages = stagesCache.get(cacheKey) ?? (await stagesOf(db, row))
      stagesCache.set(cacheKey, stages)
      return row.stage === workStage(stages)
    },
    lock,
  )
}

export async function allWorkStages(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('workflow_stages')
    .select(['workflow_id', 'name'])
    .orderBy('workflow_id')
    .orderBy('position')
    .execute()
  const byWorkflow = new Map<number, string[]>()
  for (const r of rows)
    byWorkflow.set(r.workflow_id, [...(byWorkflow.get(r.workflow_id) ?? []), r.name])
  return [...new Set(['develop', ...[...byWorkflow.values()].map(workStage)])]
}

async function activeClaimOf(db: Db, username: string, scope: number[] | 'all') {
  // From tickets_assignee: one person's active tickets are few, where a project's are many.
  const mine = await selectTickets(db)
    .where('t.assignee', '=', username)
    .where('t.state', '=', 'active')
    .where('t.open', '=', 1)
    .where('t.archived', '=', 0)
    .orderBy('t.updated_at', 'desc')
    .execute()
  return mine.find((t) => scope === 'all' || scope.includes(t.project_id))
}

async function claimByKey(
  tx: Tx,
  ref: string,
  dryRun: boolean,
): Promise<{ status: ClaimResult['status']; id: number; reason?: string }> {
  const t = await ticketFor(tx.db, tx.ctx, ref, 'write')
  const me = tx.ctx.actor.username
  if (t.assignee === me && t.state === 'active') return { status: 'ASSIGNED', id: t.id }
  const project = await tx.db
    .selectFrom('projects')
    .select('status')
    .where('id', '=', t.project_id)
    .executeTakeFirstOrThrow()
  const reason = claimRefusal(
    {
      hasChildren: await hasChildren(tx.db, t.id),
      open: t.open === 1,
      archived: t.archived === 1,
      projectOpen: project.status === 'open',
      finalStage: isFinalStage(t.stage, await stagesOf(tx.db, t)),
      assignee: t.assignee,
      blockers: await unfinishedDependencies(tx.db, t.id),
    },
    me,
  )
  if (reason) return { status: 'REJECTED', id: t.id, reason }
  if (dryRun) return { status: 'AVAILABLE', id: t.id }
  await take(tx, t)
  return { status: 'ASSIGNED', id: t.id }
}

async function take(tx: Tx, t: TicketRow) {
  if (t.assignee !== tx.ctx.actor.username) await assignInTx(tx, t, tx.ctx.actor.username)
  if (t.state !== 'active')
    await setStateInTx(tx, { ...t, assignee: tx.ctx.actor.username }, 'active')
  // An agent's claim carries a lease that its heartbeats renew (docs/agents.md "Leases").
  await updateTicketRow(tx.db, t.id, { lease_expires_at: leaseFor(tx.ctx) })
  await record(tx.db, tx.ctx, { ...at(t), event_type: 'ticket_claimed', payload: {} })
}

export async function claim(ctx: Ctx, input: ClaimInput): Promise<ClaimResult> {
  const dryRun = input.dry_run ?? false
  const outcome = await mutate(ctx, async (tx) => {
    if (input.ticket) return claimByKey(tx, input.ticket, dryRun)
    const scope = await claimScope(tx.db, ctx, input.project, 'write')
    const mine = await activeClaimOf(tx.db, ctx.actor.username, scope)
    if (mine) return { status: 'ASSIGNED' as const, id: mine.id }
    const [next] = await eligible(tx.db, scope, 1, !dryRun)
    if (!next) {
      const counts = await noWorkCounts(tx.db, scope, await allWorkStages(tx.db))
      return { status: 'NO-WORK' as const, id: undefined, reason: noWorkReason(counts), counts }
    }
    if (dryRun) return { status: 'AVAILABLE' as const, id: next.id }
    await take(tx, next)
    return { status: 'ASSIGNED' as const, id: next.id }
  })
  const ticket = outcome.id === undefined ? null : await loadTicket(ctx, outcome.id)
  return {
    status: outcome.status,
    ticket,
    ...('reason' in outcome && outcome.reason ? { reason: outcome.reason } : {}),
    ...('counts' in outcome ? { counts: outcome.counts } : {}),
  }
}

export async function next(
  ctx: Ctx,
  input: { project?: string; limit?: number },
): Promise<Ticket[]> {
  return ctx.store.read(async (db) => {
    const scope = await claimScope(db, ctx, input.project, 'read')
    return toTickets(db, await eligible(db, scope, input.limit ?? 10))
  })
}

/**
 * The claim with the original's context beside the ticket: its project, parents, stages and
 * role, and for a dry run a preview of the ticket as the claim would leave it.
 */
export async function claimWithContext(ctx: Ctx, input: ClaimInput): Promise<ClaimResult> {
  const result = await claim(ctx, input)
  const t = result.ticket
  if (!t || result.status === 'REJECTED') return result
  const { lease_expires_at: _, ...context } = await ticketContext(ctx, t.key)
  const me = ctx.actor
  return {
    ...result,
    ...context,
    ...(result.status === 'AVAILABLE'
      ? {
          preview: {
            ...t,
            assignee: me.username,
            assignee_name: me.display_name,
            state: 'active',
            status: `${t.stage}/active`,
          },
        }
      : {}),
  }
}
