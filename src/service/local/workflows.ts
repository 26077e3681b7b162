/** @module Workflows: named, ordered stages that projects and tickets follow. */
import type { Selectable } from 'kysely'
import { conflict, invalid, notFound } from '../../domain/errors.ts'
import type { HistoryChange } from '../../domain/history.ts'
import { DEFAULT_STAGES, type Lifecycle } from '../../domain/lifecycle.ts'
import { parseRef } from '../../domain/names.ts'
import {
  invalidatedBy,
  normaliseStageName,
  normaliseWorkflowName,
  type Placed,
  parseWorkflowExport,
  type Workflow,
  type WorkflowExport,
} from '../../domain/workflow.ts'
import type { WorkflowsTable } from '../../store/database.ts'
import type { Db } from '../../store/store.ts'
import type { NewWorkflow, NewWorkflowStage } from '../organisation-service.ts'
import { requireAdmin } from './access.ts'
import { type Ctx, record, stamp } from './context.ts'
import { resolveNamed } from './named.ts'
import { resolveRole } from './roles.ts'

export const resolveWorkflow = (db: Db, ref: string): Promise<Selectable<WorkflowsTable>> =>
  resolveNamed(db, 'workflows', ref)

export async function loadWorkflow(db: Db, w: Selectable<WorkflowsTable>): Promise<Workflow> {
  const stages = await db
    .selectFrom('workflow_stages as s')
    .leftJoin('roles as r', 'r.id', 's.role_id')
    .selectAll('s')
    .select('r.name as role')
    .where('s.workflow_id', '=', w.id)
    .orderBy('s.position')
    .execute()
  return { ...w, stages }
}

const namesOf = (w: Workflow) => w.stages.map((s) => s.name)

/** Tickets whose effective workflow is `id`: their own, or their project's when they have none. */
export async function ticketsFollowing(db: Db, id: number): Promise<Placed[]> {
  const rows = await db
    .selectFrom('tickets as t')
    .innerJoin('projects as p', 'p.id', 't.project_id')
    .select(['t.key', 't.stage', 't.state'])
    .where((eb) =>
      eb.or([
        eb('t.workflow_id', '=', id),
        eb.and([eb('t.workflow_id', 'is', null), eb('p.workflow_id', '=', id)]),
      ]),
    )
    .orderBy('t.id')
    .execute()
  return rows.map((r) => ({ key: r.key, stage: r.stage, state: r.state }))
}

const listed = (keys: readonly string[]) =>
  keys.length > 10
    ? `${keys.slice(0, 10).join(', ')} and ${keys.length - 10} more`
    : keys.join(', ')

/** Refuses a new list of stages that would leave any ticket following the workflow invalid. */
async function assertKeepsTicketsValid(db: Db, w: Workflow, stages: readonly string[]) {
  const following = await ticketsFollowing(db, w.id)
  if (stages.length === 0) {
    const projects = await db
      .selectFrom('projects')
      .select('prefix')
      .where('workflow_id', '=', w.id)
      .execute()
    // An empty workflow would silently hand its projects the default stages.
    if (following.length + projects.length > 0)
      throw conflict(
        `workflow ${w.name} is in use and needs at least one stage`,
        'add another stage first, or stop using the workflow (tk workflow unset)',
      )
  }
  const broken = invalidatedBy(following, stages)
  if (broken.length === 0) return
  const gone = broken.filter((t) => !stages.includes(t.stage))
  throw conflict(
    gone.length > 0
      ? `tickets are in stage ${[...new Set(gone.map((t) => t.stage))].join(', ')} of workflow ${w.name}: ${listed(gone.map((t) => t.key))}`
      : `the final stage would become "${stages[stages.length - 1]}", where tickets are idle or active: ${listed(broken.map((t) => t.key))}`,
    gone.length > 0
      ? 'move those tickets to another stage first (tk stage KEY STAGE)'
      : 'finish or move those tickets first, or keep the final stage last',
  )
}

async function writePositions(db: Db, ids: readonly number[]) {
  // Two passes so positions never collide midway, should a unique index ever cover them.
  for (const [i, id] of ids.entries())
    await db
      .updateTable('workflow_stages')
      .set({ position: -1 - i })
      .where('id', '=', id)
      .execute()
  for (const [i, id] of ids.entries())
    await db.updateTable('workflow_stages').set({ position: i }).where('id', '=', id).execute()
}

async function insertStages(db: Db, workflowId: number, stages: readonly NewWorkflowStage[]) {
  const seen = new Set<string>()
  for (const [position, s] of stages.entries()) {
    const name = normaliseStageName(s.name)
    if (seen.has(name)) throw invalid(`stage "${name}" is listed twice`)
    seen.add(name)
    const role = s.role ? await resolveRole(db, s.role) : undefined
    await db
      .insertInto('workflow_stages')
      .values({
        workflow_id: workflowId,
        position,
        name,
        description: s.description?.trim() ?? '',
        role_id: role?.id ?? null,
      })
      .execute()
  }
}

async function assertNameFree(db: Db, name: string) {
  const taken = await db
    .selectFrom('workflows')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst()
  if (taken) throw conflict(`a workflow named "${name}" already exists`, 'choose another name')
}

export async function listWorkflows(ctx: Ctx): Promise<Workflow[]> {
  return ctx.store.read(async (db) => {
    const rows = await db.selectFrom('workflows').selectAll().orderBy('name').execute()
    return Promise.all(rows.map((w) => loadWorkflow(db, w)))
  })
}

export async function getWorkflow(ctx: Ctx, ref: string): Promise<Workflow> {
  return ctx.store.read(async (db) => loadWorkflow(db, await resolveWorkflow(db, ref)))
}

async function createInTx(ctx: Ctx, db: Db, input: NewWorkflow): Promise<Workflow> {
  const name = normaliseWorkflowName(input.name)
  await assertNameFree(db, name)
  const w = await db
    .insertInto('workflows')
    .values({ name, description: input.description?.trim() ?? '', created_at: stamp(ctx) })
    .returningAll()
    .executeTakeFirstOrThrow()
  await insertStages(db, w.id, input.stages ?? [])
  await record(db, ctx, {
    event_type: 'workflow_created',
    project_id: null,
    payload: { name, stages: (input.stages ?? []).map((s) => s.name) },
  })
  return loadWorkflow(db, w)
}

export async function createWorkflow(ctx: Ctx, input: NewWorkflow): Promise<Workflow> {
  requireAdmin(ctx, 'create workflows')
  return ctx.store.transaction((db) => createInTx(ctx, db, input))
}

export async function deleteWorkflow(ctx: Ctx, ref: string): Promise<void> {
  requireAdmin(ctx, 'delete workflows')
  await ctx.store.transaction(async (db) => {
    const w = await resolveWorkflow(db, ref)
    const projects = await db
      .selectFrom('projects')
      .select('prefix')
      .where('workflow_id', '=', w.id)
      .orderBy('prefix')
      .execute()
    const tickets = await db
      .selectFrom('tickets')
      .select('key')
      .where('workflow_id', '=', w.id)
      .orderBy('id')
      .execute()
    if (projects.length + tickets.length > 0) {
      const users = [
        ...(projects.length > 0 ? [`projects ${projects.map((p) => p.prefix).join(', ')}`] : []),
        ...(tickets.length > 0 ? [`tickets ${listed(tickets.map((t) => t.key))}`] : []),
      ]
      throw conflict(
        `workflow ${w.name} is in use by ${users.join(' and ')}`,
        'give them another workflow first: tk workflow set -id OTHER -project P (or -ticket KEY), or tk workflow unset',
      )
    }
    await db.deleteFrom('workflows').where('id', '=', w.id).execute()
    await record(db, ctx, {
      event_type: 'workflow_deleted',
      project_id: null,
      payload: { name: w.name },
    })
  })
}

type StageEdit = Extract<
  HistoryChange,
  { event_type: 'workflow_stage_added' | 'workflow_stage_removed' | 'workflow_stages_reordered' }
>

/** Loads, checks the admin, runs `fn` on the workflow in one transaction, returns it afresh. */
async function editStages(
  ctx: Ctx,
  ref: string,
  fn: (db: Db, w: Workflow) => Promise<StageEdit>,
): Promise<Workflow> {
  requireAdmin(ctx, 'change workflows')
  return ctx.store.transaction(async (db) => {
    const row = await resolveWorkflow(db, ref)
    await record(db, ctx, { project_id: null, ...(await fn(db, await loadWorkflow(db, row))) })
    return loadWorkflow(db, row)
  })
}

export const addWorkflowStage = (ctx: Ctx, ref: string, stage: NewWorkflowStage) =>
  editStages(ctx, ref, async (db, w) => {
    const name = normaliseStageName(stage.name)
    if (w.stages.some((s) => s.name === name))
      throw conflict(`workflow ${w.name} already has a stage "${name}"`, 'choose another name')
    const position = stage.position ?? w.stages.length
    if (!Number.isInteger(position) || position < 0 || position > w.stages.length)
      throw invalid(
        `invalid stage position ${position}`,
        `use 0 (first) to ${w.stages.length} (last) for workflow ${w.name}`,
      )
    const role = stage.role ? await resolveRole(db, stage.role) : undefined
    const inserted = await db
      .insertInto('workflow_stages')
      .values({
        workflow_id: w.id,
        position: -1000,
        name,
        description: stage.description?.trim() ?? '',
        role_id: role?.id ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const ids = w.stages.map((s) => s.id)
    ids.splice(position, 0, inserted.id)
    await writePositions(db, ids)
    return {
      event_type: 'workflow_stage_added',
      payload: { workflow: w.name, stage: name, position },
    }
  })

const findStage = (w: Workflow, ref: string) => {
  const r = parseRef(ref)
  const s = w.stages.find((x) => ('id' in r ? x.id === r.id : x.name === r.name.toLowerCase()))
  if (!s)
    throw notFound(
      `workflow ${w.name} has no stage "${ref}"`,
      `its stages are: ${namesOf(w).join(', ') || '(none)'}`,
    )
  return s
}

export const removeWorkflowStage = (ctx: Ctx, ref: string, stage: string) =>
  editStages(ctx, ref, async (db, w) => {
    const s = findStage(w, stage)
    const rest = w.stages.filter((x) => x.id !== s.id)
    await assertKeepsTicketsValid(
      db,
      w,
      rest.map((x) => x.name),
    )
    await db.deleteFrom('workflow_stages').where('id', '=', s.id).execute()
    await writePositions(
      db,
      rest.map((x) => x.id),
    )
    return { event_type: 'workflow_stage_removed', payload: { workflow: w.name, stage: s.name } }
  })

export const reorderWorkflowStages = (ctx: Ctx, ref: string, order: readonly string[]) =>
  editStages(ctx, ref, async (db, w) => {
    const stages = order.map((o) => findStage(w, o))
    const ids = new Set(stages.map((s) => s.id))
    if (ids.size !== stages.length || ids.size !== w.stages.length)
      throw invalid(
        `name every stage of workflow ${w.name} exactly once`,
        `its stages are: ${namesOf(w).join(', ')}`,
      )
    const names = stages.map((s) => s.name)
    await assertKeepsTicketsValid(db, w, names)
    await writePositions(
      db,
      stages.map((s) => s.id),
    )
    return { event_type: 'workflow_stages_reordered', payload: { workflow: w.name, stages: names } }
  })

export async function exportWorkflow(ctx: Ctx, ref: string): Promise<WorkflowExport> {
  const w = await getWorkflow(ctx, ref)
  return {
    name: w.name,
    description: w.description,
    stages: w.stages.map((s) => ({
      stage_name: s.name,
      description: s.description,
      role: s.role ?? '',
      sort_order: s.position,
    })),
  }
}

export async function importWorkflow(
  ctx: Ctx,
  data: WorkflowExport,
  options: { name?: string } = {},
): Promise<Workflow> {
  requireAdmin(ctx, 'import workflows')
  const parsed = parseWorkflowExport(data)
  return ctx.store.transaction(async (db) => {
    const name = normaliseWorkflowName(options.name ?? parsed.name)
    const taken = await db
      .selectFrom('workflows')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
      .executeTakeFirst()
    if (taken)
      throw conflict(
        `a workflow named "${name}" already exists`,
        'import it under another name: tk workflow import FILE -name NEW',
      )
    return createInTx(ctx, db, {
      name: options.name ?? parsed.name,
      description: parsed.description,
      stages: parsed.stages.map((s) => ({
        name: s.stage_name,
        description: s.description,
        ...(s.role ? { role: s.role } : {}),
      })),
    })
  })
}

/** The stages a project's tickets inherit: its workflow's, else the default. */
export async function projectStages(db: Db, projectId: number): Promise<readonly string[]> {
  const p = await db
    .selectFrom('projects')
    .select('workflow_id')
    .where('id', '=', projectId)
    .executeTakeFirstOrThrow()
  if (p.workflow_id === null) return DEFAULT_STAGES
  const w = await loadWorkflow(db, await resolveWorkflow(db, String(p.workflow_id)))
  return w.stages.length > 0 ? namesOf(w) : DEFAULT_STAGES
}

export type Move = { key: string; from: Lifecycle; to: Lifecycle }
