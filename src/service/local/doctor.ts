import {
  type DatabaseCheck,
  type Finding,
  type ProjectDiagnosis,
  projectFindings,
  type TicketDiagnosis,
  ticketFindings,
  type WorkflowOutline,
} from '../../domain/doctor.ts'
import { SCHEMA_VERSION } from '../../store/migrations/index.ts'
import type { Db } from '../../store/store.ts'
import { ancestorIds, hasChildren, selectTickets, toTickets } from '../../store/tickets.ts'
import type { Ctx } from './context.ts'
import { assessHealth } from './health.ts'
import { resolveProject, resolveTicket, stagesOf } from './resolve.ts'

export async function checkDatabase(ctx: Ctx): Promise<DatabaseCheck> {
  return {
    location: ctx.store.location,
    schema_version: await ctx.store.schemaVersion(),
    supported_schema_version: SCHEMA_VERSION,
    integrity: await ctx.store.integrityCheck(),
  }
}

async function outline(db: Db, workflowId: number | null): Promise<WorkflowOutline | null> {
  if (workflowId === null) return null
  const wf = await db
    .selectFrom('workflows')
    .select('name')
    .where('id', '=', workflowId)
    .executeTakeFirst()
  if (!wf) return null
  const stages = await db
    .selectFrom('workflow_stages as s')
    .leftJoin('roles as r', 'r.id', 's.role_id')
    .select(['s.name', 'r.name as role'])
    .where('s.workflow_id', '=', workflowId)
    .orderBy('s.position')
    .execute()
  return { name: wf.name, stages }
}

export async function diagnoseProject(ctx: Ctx, ref: string): Promise<ProjectDiagnosis> {
  return ctx.store.read(async (db) => {
    const p = await resolveProject(db, ref)
    const rows = await selectTickets(db)
      .where('t.project_id', '=', p.id)
      .where('t.open', '=', 1)
      .where('t.archived', '=', 0)
      .orderBy('t.id')
      .execute()
    const tickets = await toTickets(db, rows)
    const stages = new Map<number, readonly string[]>()
    for (const r of rows) stages.set(r.id, await stagesOf(db, r))
    const byKey = new Map(rows.map((r) => [r.key, r.id]))
    const workflow = await outline(db, p.workflow_id)
    const findings: Finding[] = [
      ...(workflow
        ? []
        : [{ level: 'warn' as const, message: 'Project has no workflow assigned' }]),
      ...projectFindings(tickets, (t) => stages.get(byKey.get(t.key)!) ?? []),
    ]
    return { project: p.prefix, title: p.title, workflow, tickets: tickets.length, findings }
  })
}

export async function diagnoseTicket(ctx: Ctx, ref: string): Promise<TicketDiagnosis> {
  return ctx.store.read(async (db) => {
    const row = await resolveTicket(db, ref)
    const [ticket] = await toTickets(db, [row])
    const project = await resolveProject(db, String(row.project_id))
    const workflow = await outline(db, row.workflow_id ?? project.workflow_id)
    const stages = await stagesOf(db, row)
    const ancestors = await ancestorIds(db, row.id)
    const keys =
      ancestors.length === 0
        ? []
        : await db
            .selectFrom('tickets')
            .select(['id', 'key'])
            .where('id', 'in', ancestors)
            .execute()
    const keyOf = new Map(keys.map((k) => [k.id, k.key]))
    return {
      ticket: ticket!,
      project: project.prefix,
      workflow,
      role: workflow?.stages.find((s) => s.name === row.stage)?.role ?? null,
      parents: ancestors.map((id) => keyOf.get(id)!).reverse(),
      findings: ticketFindings(ticket!, {
        hasWorkflow: workflow !== null,
        stages,
        hasChildren: await hasChildren(db, row.id),
      }),
      health: await assessHealth(db, row),
    }
  })
}
