import { sql } from 'kysely'
import { invalid } from '../../domain/errors.ts'
import type { TicketType } from '../../domain/ticket.ts'
import {
  BOARD_PAGE,
  type Board,
  type BoardInput,
  byBoardOrder,
  type Counts,
  laneStages,
  type Summary,
  toTypeCounts,
} from '../../domain/views.ts'
import { DEFAULT_WORKFLOW } from '../../domain/workflow.ts'
import { dialectSql } from '../../store/dialect-sql.ts'
import type { Db } from '../../store/store.ts'
import { selectTickets, toTickets } from '../../store/tickets.ts'
import { projectFor, visibleProjectIds } from './access.ts'
import * as claims from './claims.ts'
import type { Ctx } from './context.ts'
import { toProject } from './projects.ts'
import { toEvent } from './records.ts'

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

/** A project's open (or, with `all`, also closed) unarchived tickets, as the views read them. */
function inView(db: Db, projectId: number, all: boolean) {
  const q = selectTickets(db).where('t.project_id', '=', projectId).where('t.archived', '=', 0)
  return all ? q : q.where('t.open', '=', 1)
}

/** Tickets per stage, summed from the few rows of ticket_counts. */
async function stageCounts(db: Db, projectId: number, all: boolean) {
  let q = db
    .selectFrom('ticket_counts')
    .select('stage')
    .select((eb) => eb.fn.sum<number>('n').as('n'))
    .where('project_id', '=', projectId)
    .where('archived', '=', 0)
    .groupBy('stage')
  if (!all) q = q.where('open', '=', 1)
  return new Map((await q.execute()).map((r) => [r.stage, Number(r.n)]))
}

function pageOfBoard(input: BoardInput) {
  const limit = input.limit ?? BOARD_PAGE
  const offset = input.offset ?? 0
  if (!Number.isInteger(limit) || limit < 0)
    throw invalid(
      `invalid limit "${limit}"`,
      'limit is cards per lane, a whole number ≥ 0 (0 = all)',
    )
  if (!Number.isInteger(offset) || offset < 0)
    throw invalid(`invalid offset "${offset}"`, 'offset is a whole number ≥ 0')
  return { limit, offset }
}

export async function board(ctx: Ctx, input: BoardInput): Promise<Board> {
  const { limit, offset } = pageOfBoard(input)
  const all = input.all ?? false
  return ctx.store.longRead(async (db) => {
    const p = await projectFor(db, ctx, input.project, 'read')
    const wf = await projectWorkflow(db, p.workflow_id)
    const counts = await stageCounts(db, p.id, all)
    const only = input.stage?.trim().toLowerCase()
    const stages = laneStages(wf.stages, counts.keys()).filter((s) => !only || s === only)
    const lanes = await Promise.all(
      stages.map(async (stage) => {
        const total = counts.get(stage) ?? 0
        if (total === 0 || offset >= total) return { stage, total, tickets: [] }
        // Board order (domain/views.ts byBoardOrder), read in order from tickets_board.
        let q = inView(db, p.id, all)
          .where('t.stage', '=', stage)
          .orderBy('t.priority')
          .orderBy('t.sort_order')
          .orderBy('t.created_at')
          .orderBy('t.id')
        if (limit > 0) q = q.limit(limit).offset(offset)
        else if (offset > 0) q = q.limit(-1).offset(offset)
        return { stage, total, tickets: await toTickets(db, await q.execute()) }
      }),
    )
    return { project: p.prefix, workflow: wf.name, lanes }
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
    // A few rows per project from ticket_counts, summed across projects.
    let q = db
      .selectFrom('ticket_counts')
      .select(['type', 'stage', 'state'])
      .select((eb) => eb.fn.sum<number>('n').as('n'))
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
  const data = await ctx.store.longRead(async (db) => {
    const p = await projectFor(db, ctx, project, 'read')
    // The few rows of ticket_counts give the counts and the stages that hold active work.
    const groups = await db
      .selectFrom('ticket_counts')
      .select(['type', 'stage', 'state'])
      .select((eb) => eb.fn.sum<number>('n').as('n'))
      .where('project_id', '=', p.id)
      .where('archived', '=', 0)
      .where('open', '=', 1)
      .groupBy(['type', 'stage', 'state'])
      .execute()
    const type_counts: Partial<Record<TicketType, number>> = {}
    for (const g of groups) type_counts[g.type] = (type_counts[g.type] ?? 0) + Number(g.n)
    const activeStages = [
      ...new Set(groups.filter((g) => g.state === 'active').map((g) => g.stage)),
    ]
    // Through tickets_claim (project, stage, state): the unary `+` keeps the planner from
    // preferring tickets_board for the flags, which would read every ticket of each stage.
    const active =
      activeStages.length === 0
        ? []
        : await toTickets(
            db,
            await selectTickets(db)
              .where('t.project_id', '=', p.id)
              .where('t.stage', 'in', activeStages)
              .where('t.state', '=', 'active')
              .where(sql<boolean>`+t.archived = 0 AND +t.open = 1`)
              .execute(),
          )
    const recent = await toTickets(
      db,
      await inView(db, p.id, false)
        .orderBy('t.updated_at', 'desc')
        .orderBy('t.key', 'desc')
        .limit(RECENT)
        .execute(),
    )
    // Driven from the dependencies (the join order fixed): it never reads the project's
    // tickets that depend on nothing.
    const join = dialectSql(db).orderedJoin
    const blocked = await sql<{ n: number }>`SELECT count(DISTINCT d.ticket_id) AS n
      FROM dependencies d
      ${join} tickets dep ON dep.id = d.depends_on_id
      ${join} tickets t ON t.id = d.ticket_id
      WHERE dep.state <> 'success' AND t.project_id = ${p.id} AND t.archived = 0 AND t.open = 1`.execute(
      db,
    )
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
      open_tickets: groups.reduce((n, g) => n + Number(g.n), 0),
      type_counts,
      active: active.sort(byBoardOrder),
      recent,
      activity: activity.map(toEvent),
      blocked: Number(blocked.rows[0]?.n ?? 0),
      stalled: active.filter((t) => t.assignee !== null && offlineAgents.has(t.assignee)),
      projects,
      ...(await userCounts(db)),
    }
  })
  const next = await claims.next(ctx, { project: data.project.prefix, limit: RECENT })
  return { ...data, next }
}
