import {
  type HealthReport,
  healthChecks,
  healthScore,
  parseHealthScore,
} from '../../domain/health.ts'
import type { Ticket } from '../../domain/ticket.ts'
import type { Db } from '../../store/store.ts'
import { selectTickets, type TicketRow, updateTicketRow } from '../../store/tickets.ts'
import { projectFor, ticketFor } from './access.ts'
import { type Ctx, mutate, record, stamp, type Tx } from './context.ts'
import { assertEditable } from './guards.ts'
import { loadTicket } from './read.ts'
import { stagesOf } from './resolve.ts'

/** The four checks of one ticket, computed from what is stored now. */
export async function assessHealth(db: Db, t: TicketRow): Promise<HealthReport> {
  const comments = await db
    .selectFrom('comments')
    .select(['author', 'text'])
    .where('ticket_id', '=', t.id)
    .execute()
  const checks = healthChecks({
    type: t.type,
    parent: t.parent_key,
    acceptance_criteria: t.acceptance_criteria,
    stage: t.stage,
    state: t.state,
    first_stage: (await stagesOf(db, t))[0] ?? 'design',
    comments,
  })
  return { ticket_key: t.key, score: healthScore(checks), checks }
}

async function saveScore(tx: Tx, t: TicketRow, score: number) {
  if (t.health_score === score) return
  await updateTicketRow(tx.db, t.id, { health_score: score, updated_at: stamp(tx.ctx) })
  await record(tx.db, tx.ctx, {
    event_type: 'ticket_updated',
    project_id: t.project_id,
    ticket_id: t.id,
    ticket_key: t.key,
    payload: { changes: { health_score: { old: t.health_score, new: score } } },
  })
  tx.touched.add(t.id)
}

export async function setHealth(ctx: Ctx, ref: string, score: number): Promise<Ticket> {
  const value = parseHealthScore(score)
  const id = await mutate(ctx, async (tx) => {
    const t = await ticketFor(tx.db, ctx, ref, 'write')
    assertEditable(t)
    await saveScore(tx, t, value)
    return t.id
  })
  return loadTicket(ctx, id)
}

export async function checkHealth(ctx: Ctx, ref: string): Promise<HealthReport> {
  return mutate(ctx, async (tx) => {
    const t = await ticketFor(tx.db, ctx, ref, 'write')
    assertEditable(t)
    const report = await assessHealth(tx.db, t)
    await saveScore(tx, t, report.score)
    return report
  })
}

export async function checkProjectHealth(ctx: Ctx, project: string): Promise<HealthReport[]> {
  return mutate(ctx, async (tx) => {
    const p = await projectFor(tx.db, ctx, project, 'write')
    const rows = await selectTickets(tx.db)
      .where('t.project_id', '=', p.id)
      .where('t.open', '=', 1)
      .where('t.archived', '=', 0)
      .orderBy('t.id')
      .execute()
    const reports: HealthReport[] = []
    for (const t of rows) {
      const report = await assessHealth(tx.db, t)
      await saveScore(tx, t, report.score)
      reports.push(report)
    }
    return reports
  })
}
