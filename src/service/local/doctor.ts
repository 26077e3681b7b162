import { sql } from 'kysely'
import {
  type DatabaseCheck,
  type Finding,
  type ProjectDiagnosis,
  parentCycles,
  projectFindings,
  type TicketDiagnosis,
  ticketFindings,
  type WorkflowOutline,
} from '../../domain/doctor.ts'
import { STATES } from '../../domain/lifecycle.ts'
import { SCHEMA_VERSION } from '../../store/migrations/index.ts'
import type { Db } from '../../store/store.ts'
import { TICKET_COUNT_DRIFT } from '../../store/ticket-counts.ts'
import { ancestorIds, hasChildren, selectTickets, toTickets } from '../../store/tickets.ts'
import { projectFor, requireAdmin, ticketFor } from './access.ts'
import type { Ctx } from './context.ts'
import { assessHealth } from './health.ts'
import { resolveProject, stagesOf } from './resolve.ts'

export async function checkDatabase(ctx: Ctx): Promise<DatabaseCheck> {
  // The answer names the database file on the machine that holds it.
  requireAdmin(ctx, 'check the database')
  return {
    location: ctx.store.location,
    schema_version: await ctx.store.schemaVersion(),
    supported_schema_version: SCHEMA_VERSION,
    integrity: await ctx.store.integrityCheck(),
    consistency: await ctx.store.read(consistency),
  }
}

const some = (keys: readonly string[]) =>
  `${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ` and ${keys.length - 5} more` : ''}`

/** Rules the service keeps on every write, checked again over what is stored. */
async function consistency(db: Db): Promise<string[]> {
  const problems: string[] = []
  const badState = await db
    .selectFrom('tickets')
    .select('key')
    .where('state', 'not in', [...STATES])
    .execute()
  if (badState.length > 0)
    problems.push(`tickets with an unknown state: ${some(badState.map((r) => r.key))}`)
  const crossParent = await db
    .selectFrom('tickets as t')
    .innerJoin('tickets as p', 'p.id', 't.parent_id')
    .select('t.key')
    .whereRef('t.project_id', '<>', 'p.project_id')
    .execute()
  if (crossParent.length > 0)
    problems.push(
      `tickets whose parent is in another project: ${some(crossParent.map((r) => r.key))}`,
    )
  const crossDep = await db
    .selectFrom('dependencies as d')
    .innerJoin('tickets as a', 'a.id', 'd.ticket_id')
    .innerJoin('tickets as b', 'b.id', 'd.depends_on_id')
    .select('a.key')
    .whereRef('a.project_id', '<>', 'b.project_id')
    .execute()
  if (crossDep.length > 0)
    problems.push(`dependencies across projects: ${some(crossDep.map((r) => r.key))}`)
  const seq = await db
    .selectFrom('projects as p')
    .innerJoin('tickets as t', 't.project_id', 'p.id')
    .select(['p.prefix', 'p.next_seq'])
    .select((eb) => eb.fn.max('t.seq').as('top'))
    .groupBy(['p.id', 'p.prefix', 'p.next_seq'])
    .execute()
  for (const r of seq)
    if (r.next_seq <= Number(r.top))
      problems.push(`project ${r.prefix} would hand out sequence ${r.next_seq} again`)
  // Kept by triggers, so drift means the file was changed behind tk's back (or a bug).
  const drift = (await sql.raw(TICKET_COUNT_DRIFT).execute(db)).rows.length
  if (drift > 0)
    problems.push(
      `the ticket counts that board, summary and count show disagree with the tickets in ${drift} group${drift === 1 ? '' : 's'}; rebuild them with: tk export FILE, then tk import --force FILE`,
    )
  const rows = await db.selectFrom('tickets').select(['id', 'parent_id', 'key']).execute()
  const cycle = parentCycles(rows)
  if (cycle.length > 0) {
    const keyOf = new Map(rows.map((r) => [r.id, r.key]))
    problems.push(`tickets in a parent cycle: ${some(cycle.map((id) => keyOf.get(id)!))}`)
  }
  return problems
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
    const p = await projectFor(db, ctx, ref, 'read')
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
    const row = await ticketFor(db, ctx, ref, 'read')
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
