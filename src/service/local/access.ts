/** @module Who may do what to a project or team (api.md "Authorisation"). */
import { type ProjectRole, parseProjectRole, strongest } from '../../domain/access.ts'
import { forbidden } from '../../domain/errors.ts'
import type { Db } from '../../store/store.ts'
import type { Ctx } from './context.ts'

/** Team ids of `userId`'s teams and of every ancestor of those teams. */
export async function teamsWithAncestors(db: Db, userId: string): Promise<number[]> {
  const rows = await db
    .withRecursive('up(id)', (qb) =>
      qb
        .selectFrom('team_members')
        .select('team_id as id')
        .where('user_id', '=', userId)
        .union((q) =>
          q
            .selectFrom('teams as t')
            .innerJoin('up', 'up.id', 't.id')
            .select((eb) => eb.ref('t.parent_id').$notNull().as('id'))
            .where('t.parent_id', 'is not', null),
        ),
    )
    .selectFrom('up')
    .select('id')
    .execute()
  return rows.map((r) => Number(r.id))
}

/**
 * The caller's role on a project: admins own everything; otherwise the direct membership
 * wins, else the strongest role a team (or an ancestor team) holds, else viewer when public.
 */
export async function projectRoleOf(
  db: Db,
  ctx: Ctx,
  project: { id: number; visibility: string },
): Promise<ProjectRole | null> {
  if (ctx.actor.role === 'admin') return 'owner'
  const direct = await db
    .selectFrom('project_members')
    .select('role')
    .where('project_id', '=', project.id)
    .where('user_id', '=', ctx.actor.id)
    .executeTakeFirst()
  if (direct) return parseProjectRole(direct.role)
  let role: ProjectRole | null = null
  const teams = await teamsWithAncestors(db, ctx.actor.id)
  if (teams.length > 0) {
    const links = await db
      .selectFrom('project_teams')
      .select('role')
      .where('project_id', '=', project.id)
      .where('team_id', 'in', teams)
      .execute()
    for (const l of links) role = strongest(role, parseProjectRole(l.role))
  }
  if (role === null && project.visibility === 'public') role = 'viewer'
  return role
}

export async function requireProjectOwner(
  db: Db,
  ctx: Ctx,
  project: { id: number; prefix: string; visibility: string },
): Promise<void> {
  if ((await projectRoleOf(db, ctx, project)) !== 'owner')
    throw forbidden(
      `only an owner of project ${project.prefix} (or an admin) may manage its members and teams`,
      `ask an owner: tk project users -project ${project.prefix}`,
    )
}

/** Admins, and direct owners of the team, manage it. */
export async function requireTeamManager(
  db: Db,
  ctx: Ctx,
  team: { id: number; name: string },
): Promise<void> {
  if (ctx.actor.role === 'admin') return
  const m = await db
    .selectFrom('team_members')
    .select('role')
    .where('team_id', '=', team.id)
    .where('user_id', '=', ctx.actor.id)
    .executeTakeFirst()
  if (m?.role !== 'owner')
    throw forbidden(`only an owner of team ${team.name} (or an admin) may change it`)
}

/** Admin-only operations name the fix: act as an admin. */
export function requireAdmin(ctx: Ctx, what: string): void {
  if (ctx.actor.role !== 'admin')
    throw forbidden(
      `only an admin may ${what} (you are ${ctx.actor.username})`,
      'ask an admin, or act as one (unset TICKET_USERNAME in local mode)',
    )
}
