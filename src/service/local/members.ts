import { isProjectRole, PROJECT_ROLES, type ProjectRole } from '../../domain/access.ts'
import { conflict, invalid, notFound } from '../../domain/errors.ts'
import type { Db } from '../../store/store.ts'
import type { ProjectMember } from '../ticket-service.ts'
import { projectFor } from './access.ts'
import { findUserRow } from './accounts.ts'
import { type Ctx, record, stamp } from './context.ts'

function parseRole(input: string): ProjectRole {
  const r = input.trim().toLowerCase()
  if (!isProjectRole(r))
    throw invalid(`invalid project role "${input}"`, `use one of: ${PROJECT_ROLES.join(', ')}`)
  return r
}

async function membersOf(db: Db, projectId: number, prefix: string): Promise<ProjectMember[]> {
  const rows = await db
    .selectFrom('project_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.project_id', 'm.user_id', 'u.username', 'm.role', 'm.created_at'])
    .where('m.project_id', '=', projectId)
    .orderBy('u.username')
    .execute()
  return rows.map((r) => ({ ...r, project_prefix: prefix, role: r.role as ProjectRole }))
}

/** Members are visible to anyone who may read the project; changing them needs an owner. */
export async function listMembers(ctx: Ctx, project: string): Promise<ProjectMember[]> {
  return ctx.store.read(async (db) => {
    const p = await projectFor(db, ctx, project, 'read')
    return membersOf(db, p.id, p.prefix)
  })
}

async function ownerCount(db: Db, projectId: number) {
  const r = await db
    .selectFrom('project_members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

export async function setMember(
  ctx: Ctx,
  project: string,
  username: string,
  roleInput: string,
): Promise<ProjectMember> {
  const role = parseRole(roleInput)
  const { member, prefix } = await ctx.store.transaction(async (db) => {
    const p = await projectFor(db, ctx, project, 'manage')
    const user = await findUserRow(db, username)
    const before = await db
      .selectFrom('project_members')
      .select('role')
      .where('project_id', '=', p.id)
      .where('user_id', '=', user.id)
      .executeTakeFirst()
    if (before?.role === 'owner' && role !== 'owner' && (await ownerCount(db, p.id)) <= 1)
      throw conflict(
        `${user.username} is the last owner of ${p.prefix}`,
        'make another owner first',
      )
    await db
      .insertInto('project_members')
      .values({ project_id: p.id, user_id: user.id, role, created_at: stamp(ctx) })
      .onConflict((oc) => oc.columns(['project_id', 'user_id']).doUpdateSet({ role }))
      .execute()
    await record(db, ctx, {
      event_type: 'member_set',
      project_id: p.id,
      payload: { username: user.username, old: before?.role ?? null, new: role },
    })
    const all = await membersOf(db, p.id, p.prefix)
    return { member: all.find((m) => m.user_id === user.id)!, prefix: p.prefix }
  })
  ctx.emit?.({ type: 'member.changed', project: prefix, actor: ctx.actor.username, at: stamp(ctx) })
  return member
}

export async function removeMember(ctx: Ctx, project: string, username: string): Promise<void> {
  const prefix = await ctx.store.transaction(async (db) => {
    const p = await projectFor(db, ctx, project, 'manage')
    const user = await findUserRow(db, username)
    const before = await db
      .selectFrom('project_members')
      .select('role')
      .where('project_id', '=', p.id)
      .where('user_id', '=', user.id)
      .executeTakeFirst()
    if (!before) throw notFound(`${user.username} is not a member of ${p.prefix}`)
    if (before.role === 'owner' && (await ownerCount(db, p.id)) <= 1)
      throw conflict(
        `${user.username} is the last owner of ${p.prefix}`,
        'make another owner first',
      )
    await db
      .deleteFrom('project_members')
      .where('project_id', '=', p.id)
      .where('user_id', '=', user.id)
      .execute()
    await record(db, ctx, {
      event_type: 'member_removed',
      project_id: p.id,
      payload: { username: user.username, old: before.role },
    })
    return p.prefix
  })
  ctx.emit?.({ type: 'member.changed', project: prefix, actor: ctx.actor.username, at: stamp(ctx) })
}
