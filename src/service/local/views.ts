import type { TicketType } from '../../domain/ticket.ts'
import {
  type Board,
  byBoardOrder,
  type Counts,
  type Summary,
  toLanes,
  toTypeCounts,
} from '../../domain/views.ts'
import { DEFAULT_WORKFLOW } from '../../domain/workflow.ts'
import type { Db } from '../../store/store.ts'
import { toTickets } from '../../store/tickets.ts'
import { projectFor, visibleProjectIds } from './access.ts'
import * as claims from './claims.ts'
import type { Ctx } from './context.ts'
import { toProject } from './projects.ts'
import { toEvent } from './records.ts'
import { filteredTickets } from './tickets.ts'

/** The project's workflow by name and stages; the default one when it names none. */
export async function projectWorkflow(db: Db, workflowId: number | null) {
  const wf =
    workflowId === null
      ? undefined
      : await db
          .selectFrom('workflows')
          .select(['id', 'name'])
          .where('id', '=', workflowId)
          .executeTakeFirst()
  const stages = wf
    ? (
        await db
          .selectFrom('workflow_stages')
          .select('name')
          .where('workflow_id', '=', wf.id)
          .orderBy('position')
          .execute()
      ).map((s) => s.name)
    : []
  return stages.length > 0
    ? { name: wf!.name, stages }
    : { name: DEFAULT_WORKFLOW.name, stages: [...DEFAULT_WORKFLOW.stages] as string[] }
}

export async function board(ctx: Ctx, input: { project: string; all?: boolean }): Promise<Board> {
  return ctx.store.read(async (db) => {
    const p = await projectFor(db, ctx, input.project, 'read')
    const wf = await projectWorkflow(db, p.workflow_id)
    const q = await filteredTickets(db, ctx, { project: String(p.id), closed: input.all ?? false })
    const tickets = await toTickets(db, await q.execute())
    return { project: p.prefix, workflow: wf.name, lanes: toLanes(wf.stages, tickets) }
  })
}

async function userCounts(db: Db) {
  const rows = await db
    .selectFrom('users')
    .select(['user_type'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy('user_type')
    .execute()
  const n = (type: string) => Number(rows.find((r) => r.user_type === type)?.n ?? 0)
  return { users: n('user'), agents: n('agent') }
}

/** How many projects the caller may read: private ones are absent from counts too. */
async function projectCount(db: Db, visible: number[] | 'all'): Promise<number> {
  if (visible !== 'all') return visible.length
  const all = await db
    .selectFrom('projects')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(all.n)
}

export async function count(ctx: Ctx, input: { project?: string }): Promise<Counts> {
  return ctx.store.read(async (db) => {
    const p =
      input.project === undefined ? undefined : await projectFor(db, ctx, input.project, 'read')
    // api.md "Authorisation": private projects are absent from counts too.
    const visible = p ? 'all' : await visibleProjectIds(db, ctx.actor)
    let q = db
      .selectFrom('tickets')
      .select(['type', 'stage', 'state'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy(['type', 'stage', 'state'])
    if (p) q = q.where('project_id', '=', p.id)
    if (visible !== 'all') q = q.where('project_id', 'in', visible.length > 0 ? visible : [-1])
    const rows = (await q.execute()).map((r) => ({
      type: r.type,
      status: `${r.stage}/${r.state}`,
      n: Number(r.n),
    }))
    const people = await userCounts(db)
    const types = toTypeCounts(rows)
    if (p) return { ...people, project: p.prefix, types }
    return { ...people, projects: await projectCount(db, visible), types }
  })
}

const RECENT = 5

export async function summary(ctx: Ctx, project: string): Promise<Summary> {
  const data = await ctx.store.read(async (db) => {
    const p = await projectFor(db, ctx, project, 'read')
    const open = await (await filteredTickets(db, ctx, { project: String(p.id) })).execute()
    const tickets = await toTickets(db, open)
    const type_counts: Partial<Record<TicketType, number>> = {}
    for (const t of tickets) type_counts[t.type] = (type_counts[t.type] ?? 0) + 1
    const recent = [...tickets]
      .sort((a, b) => b.updated_at.localeCompare(a.updated_at) || b.key.localeCompare(a.key))
      .slice(0, RECENT)
    const activity = await db
      .selectFrom('history')
      .selectAll()
      .where('project_id', '=', p.id)
      .orderBy('id', 'desc')
      .limit(RECENT * 2)
      .execute()
    const offlineAgents = new Set(
      (
        await db
          .selectFrom('users')
          .select('username')
          .where('user_type', '=', 'agent')
          .where('status', '=', 'offline')
          .execute()
      ).map((u) => u.username),
    )
    const projects = await projectCount(db, await visibleProjectIds(db, ctx.actor))
    return {
      project: toProject(p),
      open_tickets: tickets.length,
      type_counts,
      active: tickets.filter((t) => t.state === 'active').sort(byBoardOrder),
      recent,
      activity: activity.map(toEvent),
      blocked: tickets.filter((t) => t.blocked.length > 0).length,
      stalled: tickets.filter(
        (t) => t.state === 'active' && t.assignee !== null && offlineAgents.has(t.assignee),
      ),
      projects,
      ...(await userCounts(db)),
    }
  })
  const next = await claims.next(ctx, { project: data.project.prefix, limit: RECENT })
  return { ...data, next }
}
