/** @module Analyse: an LLM's breakdown of a ticket or story, created in one transaction. */
import {
  type Breakdown,
  type BreakdownSubject,
  breakdownPrompt,
  parseBreakdown,
  STORY_BREAKDOWN_TYPES,
  ticketSubject,
} from '../../domain/breakdown.ts'
import { TicketError } from '../../domain/errors.ts'
import { idList } from '../../store/id-list.ts'
import { selectTickets, type TicketRow, toTickets } from '../../store/tickets.ts'
import type { AnalyseResult } from '../agent-service.ts'
import { ticketFor } from './access.ts'
import { at, type Ctx, mutate, record, stamp, type Tx } from './context.ts'
import { assertProjectOpen } from './guards.ts'
import { recomputeAncestors } from './lifecycle.ts'
import { insertNewTicket } from './new-ticket.ts'
import { storyFor } from './stories.ts'
import { assertParentAllowed } from './tickets.ts'

async function ask(ctx: Ctx, subject: BreakdownSubject, projectId: number): Promise<Breakdown> {
  if (subject.types.length === 0)
    throw new TicketError(
      'invalid',
      `${subject.name} cannot have children, so it cannot be broken down`,
      {
        hint: 'analyse an epic, a task or a story',
      },
    )
  const llm = ctx.llm
  if (!llm)
    throw new TicketError('unavailable', 'no LLM is configured for analysis', {
      hint: 'set TICKET_ANALYSE_CMD (e.g. "claude") where the server runs',
    })
  const project = await ctx.store.read((db) =>
    db.selectFrom('projects').selectAll().where('id', '=', projectId).executeTakeFirstOrThrow(),
  )
  const answer = await llm(breakdownPrompt(subject, project)).catch((e: unknown) => {
    const message = (e as Error).message
    // A program that is not installed reads "spawn codex ENOENT": say what to do about it.
    const missing = /ENOENT/.test(message)
    throw new TicketError('unavailable', `the LLM did not answer: ${message}`, {
      hint: missing
        ? 'the LLM program is not installed or not on PATH: install it (codex is the default), or set TICKET_ANALYSE_CMD to one that is, e.g. TICKET_ANALYSE_CMD=claude'
        : 'check that the LLM program runs on its own (TICKET_ANALYSE_CMD), then try again',
    })
  })
  return parseBreakdown(answer, subject.types)
}

/** Asks the configured LLM for a breakdown of ticket `ref` and creates it under the ticket. */
export async function analyse(ctx: Ctx, ref: string): Promise<AnalyseResult> {
  const t = await ctx.store.read((db) => ticketFor(db, ctx, ref, 'write'))
  return addBreakdown(ctx, t.key, await askFor(ctx, t))
}

/** The LLM's breakdown of ticket `ref`, checked but not created (only a writer may ask). */
export async function proposeBreakdown(ctx: Ctx, ref: string): Promise<Breakdown> {
  const t = await ctx.store.read((db) => ticketFor(db, ctx, ref, 'write'))
  return askFor(ctx, t)
}

const askFor = (ctx: Ctx, t: TicketRow) =>
  ask(ctx, ticketSubject({ ...t, type: t.type }), t.project_id)

/** Asks for a breakdown of story `id`: top-level tickets in its project, linked to the story. */
export async function analyseStory(ctx: Ctx, id: number): Promise<AnalyseResult> {
  const story = await ctx.store.read(async (db) => {
    return storyFor(db, ctx, id, 'write')
  })
  const subject: BreakdownSubject = {
    name: `story ${id}`,
    title: story.title,
    description: story.description,
    acceptance_criteria: '',
    types: STORY_BREAKDOWN_TYPES,
  }
  const breakdown = await ask(ctx, subject, story.project_id)
  const ids = await mutate(ctx, async (tx) => {
    await assertProjectOpen(tx.db, story.project_id)
    const created = await createProposals(tx, story.project_id, null, breakdown)
    const now = stamp(ctx)
    for (const c of created) {
      await tx.db
        .insertInto('story_tickets')
        .values({ story_id: id, ticket_id: c.id, created_at: now })
        .execute()
      await record(tx.db, ctx, {
        ...at({ project_id: story.project_id, ...c }),
        event_type: 'story_linked',
        payload: { story_id: id, title: story.title },
      })
    }
    return created.map((c) => c.id)
  })
  return { parent: `story ${id}`, created: await load(ctx, ids) }
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
    const created = await createProposals(tx, parent.project_id, parent, breakdown)
    if (created[0]) await recomputeAncestors(tx, created[0].id)
    return { key: parent.key, ids: created.map((c) => c.id) }
  })
  return { parent: key, created: await load(ctx, ids) }
}

async function createProposals(
  tx: Tx,
  projectId: number,
  parent: TicketRow | null,
  breakdown: Breakdown,
): Promise<{ id: number; key: string }[]> {
  const project = await tx.db
    .selectFrom('projects')
    .select(['id', 'prefix'])
    .where('id', '=', projectId)
    .executeTakeFirstOrThrow()
  const created: { id: number; key: string }[] = []
  for (const p of breakdown.tickets) {
    if (parent) assertParentAllowed(parent, { type: p.type, project_id: projectId })
    created.push(
      await insertNewTicket(tx, {
        project,
        type: p.type,
        title: p.title,
        description: p.description,
        acceptance_criteria: p.acceptance_criteria,
        parent,
        ...(parent ? { priority: parent.priority } : {}),
        origin: { source: 'analyse' },
      }),
    )
  }
  return created
}

async function load(ctx: Ctx, ids: readonly number[]) {
  if (ids.length === 0) return []
  return ctx.store.read(async (db) =>
    toTickets(
      db,
      await selectTickets(db).where('t.id', 'in', idList(db, ids)).orderBy('t.id').execute(),
    ),
  )
}
