/** @module What a worker needs to know about a ticket it claims: project, parents, stages, role. */
import type { StageRole } from '../../domain/agent.ts'
import type { Project } from '../../domain/project.ts'
import type { Ticket } from '../../domain/ticket.ts'
import type { Db } from '../../store/store.ts'
import { findTicketRowById, type TicketRow, toTickets } from '../../store/tickets.ts'
import { ticketFor } from './access.ts'
import type { Ctx } from './context.ts'
import { getProject } from './projects.ts'
import { stagesOf } from './resolve.ts'

/** reference/api.md §6.3, the context a claim and an agent's request carry. */
export type TicketContext = {
  readonly project: Project
  /** Nearest first. */
  readonly parents: readonly Ticket[]
  readonly workflow: { readonly stages: readonly string[] }
  readonly role: StageRole | null
  readonly lease_expires_at: string | null
}

async function parentsOf(db: Db, t: TicketRow): Promise<Ticket[]> {
  const rows: TicketRow[] = []
  let id = t.parent_id
  while (id !== null && rows.length < 50) {
    const p = await findTicketRowById(db, id)
    if (!p) break
    rows.push(p)
    id = p.parent_id
  }
  return toTickets(db, rows)
}

async function stageRole(db: Db, t: TicketRow): Promise<StageRole | null> {
  const project = await db
    .selectFrom('projects')
    .select('workflow_id')
    .where('id', '=', t.project_id)
    .executeTakeFirst()
  const workflowId = t.workflow_id ?? project?.workflow_id ?? null
  if (workflowId === null) return null
  const role = await db
    .selectFrom('workflow_stages as s')
    .innerJoin('roles as r', 'r.id', 's.role_id')
    .select(['r.name', 'r.title', 'r.motivation', 'r.goals'])
    .where('s.workflow_id', '=', workflowId)
    .where('s.name', '=', t.stage)
    .executeTakeFirst()
  return role ?? null
}

export async function ticketContext(ctx: Ctx, key: string): Promise<TicketContext> {
  const context = await ctx.store.read(async (db) => {
    const row = await ticketFor(db, ctx, key, 'read')
    return {
      prefix: (
        await db
          .selectFrom('projects')
          .select('prefix')
          .where('id', '=', row.project_id)
          .executeTakeFirstOrThrow()
      ).prefix,
      parents: await parentsOf(db, row),
      workflow: { stages: [...(await stagesOf(db, row))] },
      role: await stageRole(db, row),
      lease_expires_at: row.lease_expires_at,
    }
  })
  const { prefix, ...rest } = context
  return { project: await getProject(ctx, prefix), ...rest }
}
