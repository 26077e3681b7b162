/** @module Requirements: review (accept, reject, revise) and curation from existing tickets. */
import { invalid } from '../../domain/errors.ts'
import {
  assertReview,
  effectiveReviewStatus,
  parseReviewStatus,
  type ReviewStatus,
} from '../../domain/requirement.ts'
import { normaliseTitle, type Ticket } from '../../domain/ticket.ts'
import { selectTickets, type TicketRow, toTickets, updateTicketRow } from '../../store/tickets.ts'
import type { CurateInput, ReviewInput } from '../planning-service.ts'
import { projectFor, ticketFor } from './access.ts'
import { at, type Ctx, mutate, record, stamp, type Tx } from './context.ts'
import { assertEditable, assertProjectOpen } from './guards.ts'
import { setStateInTx } from './lifecycle.ts'
import { insertNewTicket } from './new-ticket.ts'
import { loadTicket } from './read.ts'
import { resolveTicket, stagesOf } from './resolve.ts'

function assertRequirement(t: TicketRow) {
  if (t.type !== 'requirement')
    throw invalid(
      `${t.key} is a ${t.type}, not a requirement`,
      `capture requirements with tk idea new "…" or distil one from it: tk curate ${t.key}`,
    )
}

export async function listRequirements(
  ctx: Ctx,
  filter: { project: string; review_status?: ReviewStatus },
): Promise<Ticket[]> {
  const status =
    filter.review_status === undefined ? undefined : parseReviewStatus(filter.review_status)
  return ctx.store.read(async (db) => {
    const p = await projectFor(db, ctx, filter.project, 'read')
    let q = selectTickets(db)
      .where('t.project_id', '=', p.id)
      .where('t.type', '=', 'requirement')
      .where('t.open', '=', 1)
      .where('t.archived', '=', 0)
    if (status === 'proposed')
      q = q.where((eb) =>
        eb.or([eb('t.review_status', 'is', null), eb('t.review_status', '=', 'proposed')]),
      )
    else if (status) q = q.where('t.review_status', '=', status)
    return toTickets(db, await q.orderBy('t.id').execute())
  })
}

async function addCommentInTx(tx: Tx, t: TicketRow, text: string) {
  const row = await tx.db
    .insertInto('comments')
    .values({ ticket_id: t.id, author: tx.ctx.actor.username, text, created_at: stamp(tx.ctx) })
    .returning('id')
    .executeTakeFirstOrThrow()
  await record(tx.db, tx.ctx, {
    ...at(t),
    event_type: 'comment_added',
    payload: { comment_id: row.id },
  })
}

/** Accept completes the first stage (design → develop), as in the reference's review flow. */
async function moveForDecision(tx: Tx, t: TicketRow, decision: ReviewInput['decision']) {
  const stages = await stagesOf(tx.db, t)
  const fresh = () => resolveTicket(tx.db, t.key)
  if (decision === 'accepted' && t.stage === stages[0] && t.state !== 'success')
    await setStateInTx(tx, await fresh(), 'success')
  if (decision === 'rejected' && t.state !== 'fail') await setStateInTx(tx, await fresh(), 'fail')
  if (decision === 'revised' && t.state === 'fail') await setStateInTx(tx, await fresh(), 'idle')
}

async function reviseFields(tx: Tx, t: TicketRow, input: ReviewInput) {
  const next: { title?: string; description?: string; acceptance_criteria?: string } = {}
  if (input.title !== undefined) next.title = normaliseTitle(input.title)
  if (input.description !== undefined) next.description = input.description.trim()
  if (input.acceptance_criteria !== undefined)
    next.acceptance_criteria = input.acceptance_criteria.trim()
  const changes: Record<string, { old: unknown; new: unknown }> = {}
  for (const [k, v] of Object.entries(next))
    if (t[k as keyof typeof next] !== v) changes[k] = { old: t[k as keyof typeof next], new: v }
  if (Object.keys(changes).length === 0) return
  await updateTicketRow(tx.db, t.id, { ...next, updated_at: stamp(tx.ctx) })
  await record(tx.db, tx.ctx, { ...at(t), event_type: 'ticket_updated', payload: { changes } })
}

export async function reviewRequirement(
  ctx: Ctx,
  ref: string,
  input: ReviewInput,
): Promise<Ticket> {
  const decision = input.decision
  if (!['accepted', 'rejected', 'revised'].includes(decision))
    throw invalid(`invalid review decision "${decision}"`, 'use accepted, rejected or revised')
  if (decision !== 'revised' && (input.title ?? input.description ?? input.acceptance_criteria))
    throw invalid('only a revision changes the requirement’s text', 'use tk revise KEY -d "…"')
  const id = await mutate(ctx, async (tx) => {
    const t = await ticketFor(tx.db, ctx, ref, 'write')
    assertRequirement(t)
    assertEditable(t)
    const from = effectiveReviewStatus(t.review_status)
    assertReview(from, decision, t.key)
    if (decision === 'revised') await reviseFields(tx, t, input)
    await moveForDecision(tx, t, decision)
    await updateTicketRow(tx.db, t.id, { review_status: decision, updated_at: stamp(ctx) })
    await record(tx.db, ctx, {
      ...at(t),
      event_type: 'requirement_reviewed',
      payload: { old: from, new: decision, ...(input.reason ? { reason: input.reason } : {}) },
    })
    if (input.reason?.trim()) await addCommentInTx(tx, t, `${decision}: ${input.reason.trim()}`)
    tx.touched.add(t.id)
    return t.id
  })
  return loadTicket(ctx, id)
}

export async function curateRequirement(ctx: Ctx, input: CurateInput): Promise<Ticket> {
  if (input.sources.length === 0)
    throw invalid('curate needs at least one source ticket', 'e.g. tk curate CUS-T-3 CUS-B-7')
  const id = await mutate(ctx, async (tx) => {
    const { db } = tx
    const sources: TicketRow[] = []
    for (const ref of input.sources) {
      const s = await ticketFor(db, ctx, ref, 'read')
      if (!sources.some((x) => x.id === s.id)) sources.push(s)
    }
    const first = sources[0]!
    const other = sources.find((s) => s.project_id !== first.project_id)
    if (other)
      throw invalid(
        `sources span projects ${first.project_prefix} and ${other.project_prefix}`,
        'curate from tickets of one project',
      )
    await assertProjectOpen(db, first.project_id)
    const project = await projectFor(db, ctx, String(first.project_id), 'write')
    const title = normaliseTitle(input.title ?? first.title)
    const list = sources.map((s) => `- ${s.key}: ${s.title}`).join('\n')
    const own = input.description?.trim()
    const description = `${own ? `${own}\n\n` : ''}Curated from:\n${list}`
    const { id, key } = await insertNewTicket(tx, {
      project,
      type: 'requirement',
      title,
      description,
      acceptance_criteria: input.acceptance_criteria?.trim() ?? '',
      priority: Math.min(...sources.map((s) => s.priority)),
      review_status: 'proposed',
      origin: { curated_from: sources.map((s) => s.key) },
    })
    for (const s of sources)
      await record(db, ctx, { ...at(s), event_type: 'curated_into', payload: { requirement: key } })
    return id
  })
  return loadTicket(ctx, id)
}
