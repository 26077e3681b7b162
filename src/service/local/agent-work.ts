/** @module The work protocol an agent speaks: register, heartbeat, request, report, release. */
import {
  AGENT_OUTCOMES,
  type AgentReport,
  type AgentStatus,
  type AgentWork,
  type ReportableStatus,
  wallMinutes,
} from '../../domain/agent.ts'
import { conflict, forbidden, invalid } from '../../domain/errors.ts'
import type { Ticket } from '../../domain/ticket.ts'
import type { User } from '../../domain/user.ts'
import type { Db } from '../../store/store.ts'
import { type TicketRow, updateTicketRow } from '../../store/tickets.ts'
import type { HeartbeatResult, WorkRequest } from '../agent-service.ts'
import { toUser } from '../users.ts'
import { ticketFor } from './access.ts'
import { configOf } from './agents.ts'
import * as claims from './claims.ts'
import { type Ctx, mutate, record, stamp, type Tx } from './context.ts'
import { notHeld } from './hold.ts'
import { agentSettings } from './lease.ts'
import { assignInTx, moveTicket, setStateInTx } from './lifecycle.ts'
import { loadTicket } from './read.ts'
import { listComments } from './records.ts'
import { activeTicketsOf, requeueInTx } from './requeue.ts'
import { ticketContext } from './ticket-context.ts'

const MAX_RESULT = 100_000

function requireAgent(ctx: Ctx): User {
  if (ctx.actor.user_type !== 'agent')
    throw forbidden('only agents use the agent work routes', 'people claim work with tk claim')
  return ctx.actor
}

async function setAgentStatus(ctx: Ctx, status: AgentStatus) {
  const at = stamp(ctx)
  return ctx.store.transaction((db) =>
    db
      .updateTable('users')
      .set({ status, last_seen: at })
      .where('id', '=', ctx.actor.id)
      .returningAll()
      .executeTakeFirstOrThrow(),
  )
}

/**
 * A second worker under the same agent id would run the same ticket twice: while the agent
 * holds a live lease, registering again is refused until that worker stops or its lease lapses.
 */
export async function registerAgent(ctx: Ctx): Promise<User> {
  const me = requireAgent(ctx)
  const live = await ctx.store.read((db) =>
    db
      .selectFrom('tickets')
      .select(['key', 'lease_expires_at'])
      .where('assignee', '=', me.username)
      .where('state', '=', 'active')
      .where('lease_expires_at', '>', ctx.now().toISOString())
      .executeTakeFirst(),
  )
  if (live)
    throw conflict(
      `agent ${me.display_name} is already working: it holds ${live.key} until ${live.lease_expires_at}`,
      `stop the other worker with this agent id, or wait until its lease lapses; give each worker its own agent (tk agent create)`,
    )
  return toUser(await setAgentStatus(ctx, 'online'))
}

/**
 * Marks the agent alive and pushes the lease of every ticket it works on further out. Given a
 * ticket, first checks the agent holds it, so a shell agent learns it lost one and why.
 */
export async function heartbeat(
  ctx: Ctx,
  status?: ReportableStatus,
  ticket?: string,
): Promise<HeartbeatResult> {
  const me = requireAgent(ctx)
  const now = ctx.now()
  const lease = new Date(now.getTime() + agentSettings(ctx).leaseMs).toISOString()
  return ctx.store.transaction(async (db) => {
    if (ticket !== undefined) await assertLeased(db, await ticketFor(db, ctx, ticket, 'read'), me)
    const before = await db
      .selectFrom('users')
      .select('status')
      .where('id', '=', me.id)
      .executeTakeFirstOrThrow()
    // An agent the reaper thought gone is back; one that says nothing keeps its status.
    const next = status ?? (before.status === 'offline' ? 'online' : before.status)
    await db
      .updateTable('users')
      .set({ last_seen: now.toISOString(), status: next })
      .where('id', '=', me.id)
      .execute()
    const renewed = await db
      .updateTable('tickets')
      .set({ lease_expires_at: lease })
      .where('assignee', '=', me.username)
      .where('state', '=', 'active')
      .executeTakeFirst()
    return {
      status: next,
      lease_expires_at: Number(renewed.numUpdatedRows) > 0 ? lease : null,
    }
  })
}

/** The agent holds `t` under a lease (assigned to it and active), or is told why not. */
async function assertLeased(db: Db, t: TicketRow, me: User) {
  if (t.assignee !== me.username) throw await notHeld(db, t, me.username)
  if (t.state !== 'active' || t.lease_expires_at === null)
    throw conflict(
      `ticket ${t.key} has no lease to renew: it is ${t.stage}/${t.state}, and a lease lasts only while it is active`,
      `to work on it again, claim it (tk claim ${t.key})`,
    )
}

const NO_WORK = {
  ticket: null,
  project: null,
  parents: [],
  comments: [],
  workflow: null,
  role: null,
  lease_expires_at: null,
} as const

/**
 * domain.md "Assignment and claim", through the claim code itself: the ticket the agent holds
 * (`CURRENT`), else the next eligible one (`NEW`), with what the prompt needs to know about it.
 */
export async function requestWork(ctx: Ctx, input: WorkRequest): Promise<AgentWork> {
  const me = requireAgent(ctx)
  const held = await ctx.store.read((db) => activeTicketsOf(db, me.username))
  const result = await claims.claim(ctx, input)
  const config = await ctx.store.read((db) => configOf(db, me.id))
  const reason = result.reason ? { reason: result.reason } : {}
  const t = result.ticket
  if (!t || result.status === 'NO-WORK' || result.status === 'REJECTED') {
    await setAgentStatus(ctx, 'soliciting')
    return { status: 'NONE', claim: result.status, ...reason, ...NO_WORK, config }
  }
  const current = held.some((h) => h.key === t.key)
  if (result.status === 'ASSIGNED') await setAgentStatus(ctx, 'working')
  const { project, ...context } = await ticketContext(ctx, t.key)
  return {
    status: current ? 'CURRENT' : 'NEW',
    claim: result.status,
    ...reason,
    ticket: t,
    project,
    comments: await listComments(ctx, t.key),
    ...context,
    config,
  }
}

async function heldTicket(tx: Tx, ref: string): Promise<TicketRow> {
  const t = await ticketFor(tx.db, tx.ctx, ref, 'write')
  if (t.assignee !== tx.ctx.actor.username || t.state !== 'active')
    throw await notHeld(tx.db, t, tx.ctx.actor.username)
  return t
}

function checkReport(r: AgentReport): AgentReport {
  if (!(AGENT_OUTCOMES as readonly string[]).includes(r.outcome))
    throw invalid(`invalid outcome "${r.outcome}"`, 'use success or fail')
  if (r.outcome === 'fail' && !r.reason?.trim())
    throw invalid('a failed run needs a reason', 'say why: exit status, timeout, …')
  if (r.wall_ms !== undefined && (!Number.isFinite(r.wall_ms) || r.wall_ms < 0))
    throw invalid('wall_ms must be a number of milliseconds ≥ 0')
  return r
}

function commentText(r: AgentReport): string {
  const output = r.result.trim() || '(the LLM printed nothing)'
  const body =
    output.length > MAX_RESULT ? `${output.slice(0, MAX_RESULT)}\n… (output cut)` : output
  return r.outcome === 'fail' ? `Agent run failed: ${r.reason?.trim()}\n\n${body}` : body
}

/**
 * One transaction: the output as a comment, the wall time as a time entry, the run in
 * history, the new state, and the agent letting go of the ticket.
 */
export async function reportWork(ctx: Ctx, ref: string, input: AgentReport): Promise<Ticket> {
  const me = requireAgent(ctx)
  const report = checkReport(input)
  const at = stamp(ctx)
  const { id, key, project } = await mutate(ctx, async (tx) => {
    const t = await heldTicket(tx, ref)
    const where = { project_id: t.project_id, ticket_id: t.id, ticket_key: t.key }
    // The same rows and events as `tk comment` and `tk time log` write.
    const comment = await tx.db
      .insertInto('comments')
      .values({ ticket_id: t.id, author: me.username, text: commentText(report), created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
    await record(tx.db, ctx, {
      ...where,
      event_type: 'comment_added',
      payload: { comment_id: comment.id },
    })
    const wall = report.wall_ms ?? 0
    const minutes = wallMinutes(wall)
    const note = `agent run (${report.outcome}, ${Math.round(wall / 1000)} s wall time)`
    const entry = await tx.db
      .insertInto('time_entries')
      .values({ ticket_id: t.id, user: me.username, minutes, note, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
    await record(tx.db, ctx, {
      ...where,
      event_type: 'time_logged',
      payload: { time_entry_id: entry.id, minutes, note },
    })
    await record(tx.db, ctx, {
      ...where,
      event_type: 'agent_run',
      payload: {
        agent: me.username,
        outcome: report.outcome,
        ...(report.reason ? { reason: report.reason.trim() } : {}),
        started_at: report.started_at ?? null,
        ended_at: report.ended_at ?? at,
        wall_ms: wall,
        exit_code: report.exit_code ?? null,
      },
    })
    await updateTicketRow(tx.db, t.id, { lease_expires_at: null })
    if (report.outcome === 'success') {
      // The work is done; a dependency added meanwhile is recorded as overridden, not lost.
      await setStateInTx(tx, t, 'success', true)
    } else {
      await updateTicketRow(tx.db, t.id, { attempts: t.attempts + 1 })
      await moveTicket(tx, t, [
        { from: { stage: t.stage, state: 'active' }, to: { stage: t.stage, state: 'fail' } },
      ])
    }
    await assignInTx(tx, t, null)
    return { id: t.id, key: t.key, project: t.project_prefix }
  })
  ctx.emit?.({ type: 'comment.added', project, key, actor: me.username, at })
  await setAgentStatus(ctx, 'soliciting')
  return loadTicket(ctx, id)
}

/** Back to the queue untouched, without counting an attempt: the worker is stopping. */
export async function releaseWork(ctx: Ctx, ref: string, reason: string): Promise<Ticket> {
  requireAgent(ctx)
  const why = reason.trim().slice(0, 500) || 'released by the agent'
  const id = await mutate(ctx, async (tx) => {
    const t = await heldTicket(tx, ref)
    await requeueInTx(tx, t, { reason: why, countAttempt: false })
    return t.id
  })
  await setAgentStatus(ctx, 'idle')
  return loadTicket(ctx, id)
}
