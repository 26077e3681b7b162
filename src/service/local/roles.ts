/** @module Roles: reusable personas that workflow stages name. */
import type { Selectable } from 'kysely'
import { conflict, invalid, notFound } from '../../domain/errors.ts'
import { normaliseName, parseRef } from '../../domain/names.ts'
import type { Role } from '../../domain/role.ts'
import type { RolesTable } from '../../store/database.ts'
import type { Db } from '../../store/store.ts'
import type { NewRole, RolePatch } from '../organisation-service.ts'
import { requireAdmin } from './access.ts'
import { type Ctx, record, stamp } from './context.ts'

export const toRole = (r: Selectable<RolesTable>): Role => ({ ...r })

/** A role by id, or by name or title in any letter case. */
export async function resolveRole(db: Db, ref: string): Promise<Selectable<RolesTable>> {
  const r = parseRef(ref)
  const q = db.selectFrom('roles').selectAll()
  const row =
    'id' in r
      ? await q.where('id', '=', r.id).executeTakeFirst()
      : ((await q
          .where((eb) => eb(eb.fn('lower', ['name']), '=', r.name.toLowerCase()))
          .executeTakeFirst()) ??
        (await q
          .where((eb) => eb(eb.fn('lower', ['title']), '=', r.name.toLowerCase()))
          .executeTakeFirst()))
  if (!row) throw notFound(`role "${ref}" not found`, 'list roles with tk role list')
  return row
}

async function assertNameFree(db: Db, name: string, exceptId?: number) {
  let q = db
    .selectFrom('roles')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId)
  if (await q.executeTakeFirst())
    throw conflict(`a role named "${name}" already exists`, 'choose another name')
}

export async function listRoles(ctx: Ctx): Promise<Role[]> {
  const rows = await ctx.store.read((db) =>
    db.selectFrom('roles').selectAll().orderBy('name').execute(),
  )
  return rows.map(toRole)
}

export async function getRole(ctx: Ctx, ref: string): Promise<Role> {
  return toRole(await ctx.store.read((db) => resolveRole(db, ref)))
}

const text = (v: string | undefined) => v?.trim() ?? ''

export async function createRole(ctx: Ctx, input: NewRole): Promise<Role> {
  requireAdmin(ctx, 'create roles')
  const name = normaliseName(input.name, 'role', 'Release Manager')
  const row = await ctx.store.transaction(async (db) => {
    await assertNameFree(db, name)
    const created = await db
      .insertInto('roles')
      .values({
        name,
        title: text(input.title) || name,
        motivation: text(input.motivation),
        goals: text(input.goals),
        created_at: stamp(ctx),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await record(db, ctx, { event_type: 'role_created', project_id: null, payload: { name } })
    return created
  })
  return toRole(row)
}

export async function updateRole(ctx: Ctx, ref: string, patch: RolePatch): Promise<Role> {
  requireAdmin(ctx, 'change roles')
  const next: Partial<Selectable<RolesTable>> = {}
  if (patch.name !== undefined) next.name = normaliseName(patch.name, 'role', 'Release Manager')
  for (const f of ['title', 'motivation', 'goals'] as const)
    if (patch[f] !== undefined) next[f] = patch[f].trim()
  if (Object.keys(next).length === 0)
    throw invalid('nothing to update', 'give a field, e.g. -goals "Ship safely"')
  if (next.title === '') throw invalid('a role title cannot be blank')
  const row = await ctx.store.transaction(async (db) => {
    const before = await resolveRole(db, ref)
    if (next.name !== undefined) await assertNameFree(db, next.name, before.id)
    const updated = await db
      .updateTable('roles')
      .set(next)
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await record(db, ctx, {
      event_type: 'role_updated',
      project_id: null,
      payload: { name: updated.name, fields: Object.keys(next) },
    })
    return updated
  })
  return toRole(row)
}

export async function deleteRole(
  ctx: Ctx,
  ref: string,
  options: { force?: boolean } = {},
): Promise<void> {
  requireAdmin(ctx, 'delete roles')
  await ctx.store.transaction(async (db) => {
    const role = await resolveRole(db, ref)
    const uses = await db
      .selectFrom('workflow_stages as s')
      .innerJoin('workflows as w', 'w.id', 's.workflow_id')
      .select(['w.name as workflow', 's.name as stage'])
      .where('s.role_id', '=', role.id)
      .orderBy('w.name')
      .orderBy('s.position')
      .execute()
    if (uses.length > 0 && !options.force)
      throw conflict(
        `role ${role.name} is named by workflow stages: ${uses.map((u) => `${u.workflow}/${u.stage}`).join(', ')}`,
        `delete with -force to clear the role from those stages (they stay), e.g. tk role delete ${role.id} -force`,
      )
    // The stages keep their place; their role_id is cleared by the foreign key (set null).
    await db.deleteFrom('roles').where('id', '=', role.id).execute()
    await record(db, ctx, {
      event_type: 'role_deleted',
      project_id: null,
      payload: { name: role.name, cleared_from: uses.map((u) => `${u.workflow}/${u.stage}`) },
    })
  })
}
