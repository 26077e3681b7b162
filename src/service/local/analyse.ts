/** @module Analyse: an LLM's breakdown of a ticket, created as its children in one transaction. */
import { type Breakdown, breakdownPrompt, parseBreakdown } from '../../domain/breakdown.ts'
import { TicketError } from '../../domain/errors.ts'
import { initialLifecycle } from '../../domain/lifecycle.ts'
import { childTypesOf, type TicketType } from '../../domain/ticket.ts'
import { formatTicketKey } from '../../domain/ticket-key.ts'
import { insertTicket, selectTickets, takeSequence, toTickets } from '../../store/tickets.ts'
import type { AnalyseResult } from '../agent-service.ts'
import { ticketFor } from './access.ts'
import { type Ctx, mutate, record, stamp } from './context.ts'
import { assertProjectOpen } from './guards.ts'
import { recomputeAncestors } from './lifecycle.ts'
import { stagesOf } from './resolve.ts'
import { assertParentAllowed } from './tickets.ts'

/** Asks the configured LLM for a breakdown of `ref` and creates it. */
export async function analyse(ctx: Ctx, ref: string): Promise<AnalyseResult> {
  const t = await ctx.store.read((db) => ticketFor(db, ctx, ref, 'write'))
  if (childTypesOf(t.type as TicketType).length === 0)
    throw new TicketError(
      'invalid',
      `a ${t.type} cannot have children, so it cannot be broken down`,
      {
        hint: 'analyse an epic or a task',
      },
    )
  if (!ctx.llm)
    throw new TicketError('unavailable', 'no LLM is configured for analysis', {
      hint: 'set TICKET_ANALYSE_CMD (e.g. "claude -p") where the server runs',
    })
  const project = await ctx.store.read((db) =>
    db.selectFrom('projects').selectAll().where('id', '=', t.project_id).executeTakeFirstOrThrow(),
  )
  const ask = ctx.llm
  const answer = await ask(breakdownPrompt({ ...t, type: t.type as TicketType }, project)).catch(
    (e: unknown) => {
      throw new TicketError('unavailable', `the LLM did not answer: ${(e as Error).message}`)
    },
  )
  return addBreakdown(ctx, t.key, parseBreakdown(answer, t.type as TicketType))
}

/** Each proposal is checked by the same rules as `tk add -parent`; all or none are created. */
export async function addBreakdown(
  ctx: Ctx,
  ref: string,
  breakdown: Breakdown,
): Promise<AnalyseResult> {
  const { key, ids } = await mutate(ctx, async (tx) => {
    const parent = await ticketFor(tx.db, ctx, ref, 'write')
    await assertProjectOpen(tx.db, parent.project_id)
    const prefix = parent.project_prefix
    const lifecycle = initialLifecycle(
      await stagesOf(tx.db, { workflow_id: null, project_id: parent.project_id }),
    )
    const ids: number[] = []
    for (const p of breakdown.tickets) {
      assertParentAllowed(parent, { type: p.type, project_id: parent.project_id })
      const seq = await takeSequence(tx.db, parent.project_id)
      const key = formatTicketKey(prefix, p.type, seq)
      const now = stamp(ctx)
      const id = await insertTicket(tx.db, {
        project_id: parent.project_id,
        seq,
        key,
        type: p.type,
        title: p.title,
        description: p.description,
        acceptance_criteria: p.acceptance_criteria,
        git_repository: '',
        git_branch: '',
        parent_id: parent.id,
        stage: lifecycle.stage,
        state: lifecycle.state,
        priority: parent.priority,
        estimate_effort: 0,
        estimate_complete: null,
        assignee: null,
        clone_of_id: null,
        workflow_id: null,
        sort_order: 0,
        health_score: null,
        open: 1,
        archived: 0,
        ready: 0,
        review_status: null,
        attempts: 0,
        created_by: ctx.actor.username,
        created_at: now,
        updated_at: now,
      })
      await record(tx.db, ctx, {
        project_id: parent.project_id,
        ticket_id: id,
        ticket_key: key,
        event_type: 'ticket_created',
        payload: {
          type: p.type,
          title: p.title,
          status: `${lifecycle.stage}/${lifecycle.state}`,
          parent: parent.key,
          source: 'analyse',
        },
      })
      tx.created.add(id)
      ids.push(id)
    }
    if (ids[0] !== undefined) await recomputeAncestors(tx, ids[0])
    return { key: parent.key, ids }
  })
  if (ids.length === 0) return { parent: key, created: [] }
  const created = await ctx.store.read(async (db) =>
    toTickets(db, await selectTickets(db).where('t.id', 'in', ids).orderBy('t.id').execute()),
  )
  return { parent: key, created }
}
