import type { Selectable } from 'kysely'
import { type Access, allows, effectiveRole, isProjectRole } from '../../domain/access.ts'
import { conflict, forbidden, notFound } from '../../domain/errors.ts'
import type { Visibility } from '../../domain/project.ts'
import type { User } from '../../domain/user.ts'
import type { ProjectsTable } from '../../store/database.ts'
import type { Db } from '../../store/store.ts'
import type { TicketRow } from '../../store/tickets.ts'
import type { Ctx } from './context.ts'
import { resolveProject, resolveTicket } from './resolve.ts'

type ProjectRef = { readonly id: number; readonly prefix: string; readonly visibility: string }

const isAdmin = (actor: User) => actor.role === 'admin'

async function memberRole(db: Db, actor: User, projectId: number) {
  const row = await db
    .selectFrom('project_members')
    .select('role')
    .where('project_id', '=', projectId)
    .where('user_id', '=', actor.id)
    .executeTakeFirst()
  return row && isProjectRole(row.role) ? row.role : null
}

/** The caller's role on a project: admin → owner, membership, or viewer of a public project. */
export async function roleOn(db: Db, actor: User, p: ProjectRef) {
  if (isAdmin(actor)) return 'owner' as const
  return effectiveRole({
    userRole: actor.role,
    member: await memberRole(db, actor, p.id),
    visibility: p.visibility as Visibility,
  })
}

/**
 * api.md "Authorisation": a project the caller may not read does not exist for them (404 with
 * the same words as a missing one); one they may read but not change answers 403.
 */
async function assertAccess(db: Db, ctx: Ctx, p: ProjectRef, access: Access, missing: string) {
  if (isAdmin(ctx.actor)) return
  const role = await roleOn(db, ctx.actor, p)
  if (!allows(role, 'read')) throw notFound(missing)
  if (!allows(role, access))
    throw forbidden(
      access === 'manage'
        ? `only an owner of project ${p.prefix} may do this`
        : `you may read project ${p.prefix} but not change it`,
      'ask an owner of the project to make you an editor',
    )
}

export async function projectFor(
  db: Db,
  ctx: Ctx,
  ref: string,
  access: Access,
): Promise<Selectable<ProjectsTable>> {
  const p = await resolveProject(db, ref)
  await assertAccess(db, ctx, p, access, `project "${ref}" not found`)
  return p
}

export async function ticketFor(db: Db, ctx: Ctx, ref: string, access: Access): Promise<TicketRow> {
  const t = await resolveTicket(db, ref)
  if (isAdmin(ctx.actor)) return t
  const p = await db
    .selectFrom('projects')
    .select(['id', 'prefix', 'visibility'])
    .where('id', '=', t.project_id)
    .executeTakeFirstOrThrow()
  await assertAccess(db, ctx, p, access, `ticket ${ref.trim().toUpperCase()} not found`)
  return t
}

/** Ids of the projects the caller may read (or write); `all` for an admin. */
export async function visibleProjectIds(
  db: Db,
  actor: User,
  access: Access = 'read',
): Promise<number[] | 'all'> {
  if (isAdmin(actor)) return 'all'
  const rows = await db
    .selectFrom('projects as p')
    .leftJoin('project_members as m', (j) =>
      j.onRef('m.project_id', '=', 'p.id').on('m.user_id', '=', actor.id),
    )
    .select(['p.id', 'p.visibility', 'm.role'])
    .execute()
  return rows
    .filter((r) =>
      allows(
        effectiveRole({
          userRole: actor.role,
          member: r.role && isProjectRole(r.role) ? r.role : null,
          visibility: r.visibility as Visibility,
        }),
        access,
      ),
    )
    .map((r) => r.id)
}

export function requireSignedIn(ctx: Ctx): void {
  if (!ctx.actor.enabled) throw forbidden(`user ${ctx.actor.username} is disabled`)
}

/** domain.md "Assignment and claim": only users who may work in the project take its tickets. */
export async function assertMayWork(db: Db, user: User, projectId: number): Promise<void> {
  const p = await db
    .selectFrom('projects')
    .select(['id', 'prefix', 'visibility'])
    .where('id', '=', projectId)
    .executeTakeFirstOrThrow()
  if (!allows(await roleOn(db, user, p), 'write'))
    throw conflict(
      `${user.username} may not work in project ${p.prefix}`,
      `make them an editor first: tk project member add ${p.prefix} ${user.username} editor`,
    )
}
