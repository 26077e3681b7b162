/** @module Who works on a project: direct members and teams, each with a project role. */
import {
  type ProjectMember,
  type ProjectRole,
  type ProjectTeam,
  parseProjectRole,
} from '../../domain/access.ts'
import { conflict, notFound } from '../../domain/errors.ts'
import type { Db } from '../../store/store.ts'
import { projectFor } from './access.ts'
import { type Ctx, record, stamp } from './context.ts'
import type { resolveProject } from './resolve.ts'
import { resolveTeam } from './teams.ts'
import { findUser } from './users.ts'

const membersOf = (db: Db, projectId: number) =>
  db
    .selectFrom('project_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.project_id', 'm.user_id', 'u.username', 'm.role', 'm.created_at'])
    .where('m.project_id', '=', projectId)
    .orderBy('u.username')
    .execute() as Promise<ProjectMember[]>

const teamsOf = (db: Db, projectId: number) =>
  db
    .selectFrom('project_teams as pt')
    .innerJoin('teams as t', 't.id', 'pt.team_id')
    .select(['pt.project_id', 'pt.team_id', 't.name as team_name', 'pt.role', 'pt.created_at'])
    .where('pt.project_id', '=', projectId)
    .orderBy('t.name')
    .execute() as Promise<ProjectTeam[]>

/** Resolves the project and checks the caller owns it, inside `fn`'s transaction. */
function asOwner<T>(
  ctx: Ctx,
  ref: string,
  fn: (db: Db, p: Awaited<ReturnType<typeof resolveProject>>) => Promise<T>,
): Promise<T> {
  return ctx.store.transaction(async (db) => {
    const p = await projectFor(db, ctx, ref, 'manage')
    return fn(db, p)
  })
}

/** `asOwner` for changes: afterwards, live subscribers learn that who may read changed. */
async function changeAsOwner<T>(
  ctx: Ctx,
  ref: string,
  fn: (db: Db, p: Awaited<ReturnType<typeof resolveProject>>) => Promise<T>,
): Promise<T> {
  let prefix = ''
  const result = await asOwner(ctx, ref, (db, p) => {
    prefix = p.prefix
    return fn(db, p)
  })
  ctx.emit?.({ type: 'member.changed', project: prefix, actor: ctx.actor.username, at: stamp(ctx) })
  return result
}

export const listProjectMembers = (ctx: Ctx, project: string) =>
  asOwner(ctx, project, (db, p) => membersOf(db, p.id))

export const listProjectTeams = (ctx: Ctx, project: string) =>
  asOwner(ctx, project, (db, p) => teamsOf(db, p.id))

export const addProjectMember = async (
  ctx: Ctx,
  project: string,
  input: { username: string; role: ProjectRole },
) => {
  const role = parseProjectRole(input.role)
  return changeAsOwner(ctx, project, async (db, p) => {
    const u = await findUser(db, input.username)
    const before = await db
      .selectFrom('project_members')
      .select('role')
      .where('project_id', '=', p.id)
      .where('user_id', '=', u.id)
      .executeTakeFirst()
    if (before?.role === 'owner' && role !== 'owner') await assertAnotherOwner(db, p, u.id)
    await db
      .insertInto('project_members')
      .values({ project_id: p.id, user_id: u.id, role, created_at: stamp(ctx) })
      .onConflict((oc) => oc.columns(['project_id', 'user_id']).doUpdateSet({ role }))
      .execute()
    await record(db, ctx, {
      event_type: 'project_member_added',
      project_id: p.id,
      payload: {
        username: u.username,
        role,
        old: before?.role ?? null,
      },
    })
    return (await membersOf(db, p.id)).find((m) => m.user_id === u.id)!
  })
}

/** A project keeps at least one direct owner, so someone other than an admin can manage it. */
async function assertAnotherOwner(db: Db, p: { id: number; prefix: string }, userId: string) {
  const others = await db
    .selectFrom('project_members')
    .select('user_id')
    .where('project_id', '=', p.id)
    .where('role', '=', 'owner')
    .where('user_id', '<>', userId)
    .execute()
  if (others.length === 0)
    throw conflict(
      `that is the last owner of project ${p.prefix}`,
      `make someone else owner first: tk project add-user -project ${p.prefix} -user NAME -role owner`,
    )
}

export const removeProjectMember = (ctx: Ctx, project: string, username: string) =>
  changeAsOwner(ctx, project, async (db, p) => {
    const u = await findUser(db, username)
    const m = await db
      .selectFrom('project_members')
      .select('role')
      .where('project_id', '=', p.id)
      .where('user_id', '=', u.id)
      .executeTakeFirst()
    if (!m)
      throw notFound(
        `${u.username} is not a member of project ${p.prefix}`,
        `see: tk project users -project ${p.prefix}`,
      )
    if (m.role === 'owner') await assertAnotherOwner(db, p, u.id)
    await db
      .deleteFrom('project_members')
      .where('project_id', '=', p.id)
      .where('user_id', '=', u.id)
      .execute()
    await record(db, ctx, {
      event_type: 'project_member_removed',
      project_id: p.id,
      payload: { username: u.username, role: m.role },
    })
  })

export const addProjectTeam = async (
  ctx: Ctx,
  project: string,
  input: { team: string; role: ProjectRole },
) => {
  const role = parseProjectRole(input.role)
  return changeAsOwner(ctx, project, async (db, p) => {
    const t = await resolveTeam(db, input.team)
    await db
      .insertInto('project_teams')
      .values({ project_id: p.id, team_id: t.id, role, created_at: stamp(ctx) })
      .onConflict((oc) => oc.columns(['project_id', 'team_id']).doUpdateSet({ role }))
      .execute()
    await record(db, ctx, {
      event_type: 'project_team_added',
      project_id: p.id,
      payload: { team: t.name, role },
    })
    return (await teamsOf(db, p.id)).find((x) => x.team_id === t.id)!
  })
}

export const removeProjectTeam = (ctx: Ctx, project: string, team: string) =>
  changeAsOwner(ctx, project, async (db, p) => {
    const t = await resolveTeam(db, team)
    const r = await db
      .deleteFrom('project_teams')
      .where('project_id', '=', p.id)
      .where('team_id', '=', t.id)
      .executeTakeFirst()
    if (Number(r.numDeletedRows) === 0)
      throw notFound(
        `team ${t.name} has no access to project ${p.prefix}`,
        `see: tk project teams -project ${p.prefix}`,
      )
    await record(db, ctx, {
      event_type: 'project_team_removed',
      project_id: p.id,
      payload: { team: t.name },
    })
  })
