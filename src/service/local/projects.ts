import type { Selectable } from 'kysely'
import { conflict, forbidden, invalid } from '../../domain/errors.ts'
import {
  normalisePrefix,
  type Project,
  type ProjectDetail,
  parseProjectStatus,
  parseVisibility,
  prefixCandidates,
} from '../../domain/project.ts'
import { characterCount, refuseHiddenCharacters } from '../../domain/terminal-text.ts'
import type { ProjectsTable } from '../../store/database.ts'
import type { Db } from '../../store/store.ts'
import type { NewProject, ProjectPatch } from '../ticket-service.ts'
import { projectFor, projectRoleOf, requireSignedIn, visibleProjectIds } from './access.ts'
import { type Ctx, record, stamp } from './context.ts'

export const toProject = (r: Selectable<ProjectsTable>): Project => {
  const { next_seq: _, ...rest } = r
  return rest
}

const requireTitle = (t: string) => {
  const title = t.replace(/\s+/g, ' ').trim()
  if (title === '') throw invalid('project title is required', 'pass -title "Customer Portal"')
  refuseHiddenCharacters(title, 'project title')
  if (characterCount(title) > 200) throw invalid('project title is longer than 200 characters')
  return title
}

async function assertUnique(db: Db, field: 'prefix' | 'title', value: string, exceptId?: number) {
  let q = db.selectFrom('projects').select('id').where(field, '=', value)
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId)
  // The same words whether or not the caller may see the project that holds it, so that a
  // private project's prefix or title is not confirmed (docs/authorisation.md "Hidden and absent").
  if (await q.executeTakeFirst())
    throw conflict(
      `project ${field} "${value}" is unavailable`,
      `choose another ${field}: each is used once across all projects, including ones you cannot see`,
    )
}

/** The first of the title's derived prefixes no project uses (27 candidates, one query). */
async function freePrefix(db: Db, title: string): Promise<string> {
  const candidates = prefixCandidates(title)
  const taken = new Set(
    (
      await db.selectFrom('projects').select('prefix').where('prefix', 'in', candidates).execute()
    ).map((r) => r.prefix),
  )
  const free = candidates.find((p) => !taken.has(p))
  if (!free)
    throw conflict(
      `no free prefix derived from "${title}"`,
      'send a prefix of 2 to 5 letters, e.g. "prefix": "CUS"',
    )
  return free
}

export const requireAdmin = (ctx: Ctx, what: string) => {
  if (ctx.actor.role !== 'admin') throw forbidden(`only an admin may ${what}`)
}

export async function createProject(ctx: Ctx, input: NewProject): Promise<Project> {
  const given = input.prefix?.trim() ? normalisePrefix(input.prefix) : undefined
  const title = requireTitle(input.title)
  const visibility = input.visibility ? parseVisibility(input.visibility) : 'public'
  requireSignedIn(ctx)
  const row = await ctx.store.transaction(async (db) => {
    const prefix = given ?? (await freePrefix(db, title))
    await assertUnique(db, 'prefix', prefix)
    await assertUnique(db, 'title', title)
    const wf = await db
      .selectFrom('workflows')
      .select('id')
      .where('name', '=', 'default')
      .executeTakeFirst()
    const at = stamp(ctx)
    const created = await db
      .insertInto('projects')
      .values({
        prefix,
        title,
        description: input.description ?? '',
        acceptance_criteria: input.acceptance_criteria ?? '',
        git_repository: input.git_repository ?? '',
        git_branch: input.git_branch ?? '',
        notes: input.notes ?? '',
        status: 'open',
        visibility,
        workflow_id: wf?.id ?? null,
        next_seq: 1,
        created_by: ctx.actor.username,
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await db
      .insertInto('project_members')
      .values({ project_id: created.id, user_id: ctx.actor.id, role: 'owner', created_at: at })
      .execute()
    await record(db, ctx, {
      event_type: 'project_created',
      project_id: created.id,
      payload: { prefix, title },
    })
    return created
  })
  const project = toProject(row)
  ctx.emit?.({
    type: 'project.created',
    project: project.prefix,
    data: project,
    actor: ctx.actor.username,
    at: row.created_at,
  })
  return project
}

export async function listProjects(ctx: Ctx): Promise<Project[]> {
  const rows = await ctx.store.read(async (db) => {
    const ids = await visibleProjectIds(db, ctx.actor)
    if (ids !== 'all' && ids.length === 0) return []
    let q = db.selectFrom('projects').selectAll().orderBy('created_at').orderBy('id')
    if (ids !== 'all') q = q.where('id', 'in', ids)
    return q.execute()
  })
  return rows.map(toProject)
}

export async function getProject(ctx: Ctx, ref: string): Promise<ProjectDetail> {
  return ctx.store.read(async (db) => {
    const row = await projectFor(db, ctx, ref, 'read')
    // projectFor let the caller read it, so they hold a role.
    return { ...toProject(row), role: (await projectRoleOf(db, ctx, row)) ?? 'viewer' }
  })
}

export async function updateProject(ctx: Ctx, ref: string, patch: ProjectPatch): Promise<Project> {
  const row = await ctx.store.transaction(async (db) => {
    const before = await projectFor(db, ctx, ref, 'manage')
    const next: Partial<Selectable<ProjectsTable>> = {}
    if (patch.title !== undefined) next.title = requireTitle(patch.title)
    if (patch.status !== undefined) next.status = parseProjectStatus(patch.status)
    if (patch.visibility !== undefined) next.visibility = parseVisibility(patch.visibility)
    for (const f of [
      'description',
      'acceptance_criteria',
      'git_repository',
      'git_branch',
      'notes',
    ] as const)
      if (patch[f] !== undefined) next[f] = patch[f].trim()
    if (next.title !== undefined) await assertUnique(db, 'title', next.title, before.id)
    const changes: Record<string, { old: unknown; new: unknown }> = {}
    for (const [k, v] of Object.entries(next))
      if (before[k as keyof typeof before] !== v)
        changes[k] = { old: before[k as keyof typeof before], new: v }
    if (Object.keys(changes).length === 0) return before
    const updated = await db
      .updateTable('projects')
      .set({ ...next, updated_at: stamp(ctx) })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await record(db, ctx, {
      event_type: 'project_updated',
      project_id: before.id,
      payload: { changes },
    })
    return updated
  })
  const project = toProject(row)
  ctx.emit?.({
    type: 'project.updated',
    project: project.prefix,
    data: project,
    actor: ctx.actor.username,
    at: project.updated_at,
  })
  return project
}

export async function deleteProject(ctx: Ctx, ref: string): Promise<void> {
  const prefix = await ctx.store.transaction(async (db) => {
    const p = await projectFor(db, ctx, ref, 'read')
    requireAdmin(ctx, 'delete a project')
    // Children reference parents without cascade; clear the links so the cascade can run.
    await db
      .updateTable('tickets')
      .set({ parent_id: null })
      .where('project_id', '=', p.id)
      .execute()
    await db.deleteFrom('projects').where('id', '=', p.id).execute()
    await record(db, ctx, {
      event_type: 'project_deleted',
      project_id: null,
      payload: { prefix: p.prefix, title: p.title },
    })
    return p.prefix
  })
  ctx.emit?.({
    type: 'project.deleted',
    project: prefix,
    actor: ctx.actor.username,
    at: stamp(ctx),
  })
}
