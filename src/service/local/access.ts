/** @module Who may do what to a project or team (api.md "Authorisation"). */
import type { Expression, Selectable } from 'kysely'
import {
  type Access,
  allows,
  effectiveRole,
  type ProjectRole,
  parseProjectRole,
  strongest,
} from '../../domain/access.ts'
import { conflict, forbidden, type TicketError } from '../../domain/errors.ts'
import type { User } from '../../domain/user.ts'
import type { ProjectsTable } from '../../store/database.ts'
import { first, prepared } from '../../store/prepared.ts'
import type { Db } from '../../store/store.ts'
import type { TicketRow } from '../../store/tickets.ts'
import type { Ctx } from './context.ts'
import { findProject, findTicket, projectNotFound, ticketNotFound } from './resolve.ts'

/**
 * Ids of the teams a user belongs to (as member or agent), or of one team, and of every team
 * above those.
 */
async function teamsAbove(
  db: Db,
  from: { readonly userId: string } | { readonly teamId: number },
): Promise<number[]> {
  const rows = await teamsAboveQuery(db, from).execute()
  return rows.map((r) => Number(r.id))
}

/** `teamsAbove` as a query; the user may be a subquery (a session's user, in one statement). */
export const teamsAboveQuery = (
  db: Db,
  from: { readonly userId: string | Expression<string> } | { readonly teamId: number },
) =>
  db
    .withRecursive('up(id)', (qb) => {
      const above = qb
        .selectFrom('teams as t')
        .innerJoin('up', 'up.id', 't.id')
        .select((eb) => eb.ref('t.parent_id').$notNull().as('id'))
        .where('t.parent_id', 'is not', null)
      if ('teamId' in from)
        return qb.selectFrom('teams').select('id').where('id', '=', from.teamId).union(above)
      return (
        qb
          .selectFrom('team_members')
          .select('team_id as id')
          .where('user_id', '=', from.userId)
          // Agents belong to teams too (domain.md "Teams … with members and agents").
          .union((q) =>
            q.selectFrom('team_agents').select('team_id as id').where('user_id', '=', from.userId),
          )
          .union(above)
      )
    })
    .selectFrom('up')
    .select('id')

/** Team ids of `userId`'s teams (as member or agent) and of every ancestor of those teams. */
export const teamsWithAncestors = (db: Db, userId: string) => teamsAbove(db, { userId })

// Asked on every request of a user who is not an admin.
const membership = prepared(
  (db, projectId: number, userId: string) =>
    db
      .selectFrom('project_members')
      .select('role')
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId),
  'membership',
)
const projectRef = prepared(
  (db, id: number) =>
    db.selectFrom('projects').select(['id', 'prefix', 'visibility']).where('id', '=', id),
  'projectRef',
)

/**
 * A user's role on a project: admins own everything; otherwise the direct membership wins,
 * else the strongest role a team (or an ancestor team) holds, else viewer when public.
 */
export async function roleOf(
  db: Db,
  user: User,
  project: { id: number; visibility: string },
): Promise<ProjectRole | null> {
  if (user.role === 'admin') return 'owner'
  const direct = await first(membership(db, project.id, user.id))
  let team: ProjectRole | null = null
  if (!direct) {
    const teams = await teamsWithAncestors(db, user.id)
    if (teams.length > 0) {
      const links = await db
        .selectFrom('project_teams')
        .select('role')
        .where('project_id', '=', project.id)
        .where('team_id', 'in', teams)
        .execute()
      for (const l of links) team = strongest(team, parseProjectRole(l.role))
    }
  }
  return effectiveRole({
    admin: false,
    member: direct ? parseProjectRole(direct.role) : null,
    team,
    visibility: project.visibility,
  })
}

export const projectRoleOf = (db: Db, ctx: Ctx, project: { id: number; visibility: string }) =>
  roleOf(db, ctx.actor, project)

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

/**
 * docs/authorisation.md "Granting access through teams": whoever joins team `teamId`, or
 * comes to sit below it, gains the roles it and every team above it hold. Only an admin, or an
 * owner of each project that grants more than a public project gives everyone, may hand
 * those out. The refusal names no project, so a private one stays unnamed.
 */
export async function requireAuthorityToGrant(
  db: Db,
  ctx: Ctx,
  teamId: number,
  refusal: { message: string; hint: string },
): Promise<void> {
  if (ctx.actor.role === 'admin') return
  const teams = await teamsAbove(db, { teamId })
  const granted = await db
    .selectFrom('project_teams as pt')
    .innerJoin('projects as p', 'p.id', 'pt.project_id')
    .select(['pt.project_id', 'pt.role', 'p.visibility'])
    .where('pt.team_id', 'in', teams)
    .execute()
  const worth = granted.filter((g) => !(g.role === 'viewer' && g.visibility === 'public'))
  if (worth.length === 0) return
  const owned = await visibleProjectIds(db, ctx.actor, 'manage')
  if (owned !== 'all' && worth.some((g) => !owned.includes(g.project_id)))
    throw forbidden(refusal.message, refusal.hint)
}

/** Admin-only operations name the fix: act as an admin. */
export function requireAdmin(ctx: Pick<Ctx, 'actor'>, what: string): void {
  if (ctx.actor.role !== 'admin')
    throw forbidden(
      `only an admin may ${what} (you are ${ctx.actor.username})`,
      'ask an admin, or act as one (unset TICKET_USERNAME in local mode)',
    )
}

type ProjectRef = { readonly id: number; readonly prefix: string; readonly visibility: string }

// Stands in for a project that does not exist, so that asking about it costs what asking about
// a hidden one does (docs/authorisation.md "Hidden and absent").
const NOWHERE: ProjectRef = { id: -1, prefix: '', visibility: 'private' }

/**
 * api.md "Authorisation": a project the caller may not read does not exist for them (404 with
 * the very error a missing one gets, from `missing`); one they may read but not change answers
 * 403. Returns the project once the caller may `access` it.
 */
async function assertAccess<P extends ProjectRef>(
  db: Db,
  ctx: Ctx,
  p: P | undefined,
  access: Access,
  missing: () => TicketError,
): Promise<P> {
  if (ctx.actor.role === 'admin') {
    if (!p) throw missing()
    return p
  }
  const role = await roleOf(db, ctx.actor, p ?? NOWHERE)
  if (!p || !allows(role, 'read')) throw missing()
  if (!allows(role, access))
    throw forbidden(
      access === 'manage'
        ? `only an owner of project ${p.prefix} (or an admin) may do this`
        : `you may read project ${p.prefix} but not change it`,
      'ask an owner of the project to make you an editor',
    )
  return p
}

/** Resolves a project reference and checks the caller may `access` it. */
export async function projectFor(
  db: Db,
  ctx: Ctx,
  ref: string,
  access: Access,
): Promise<Selectable<ProjectsTable>> {
  return assertAccess(db, ctx, await findProject(db, ref), access, () => projectNotFound(ref))
}

/**
 * Checks the caller may `access` the project with this id (-1 for none); `missing` is the
 * error of the thing they asked for when it does not exist.
 */
export async function assertProjectAccess(
  db: Db,
  ctx: Ctx,
  projectId: number,
  access: Access,
  missing: () => TicketError,
): Promise<void> {
  if (ctx.actor.role === 'admin' && projectId !== NOWHERE.id) return
  await assertAccess(db, ctx, await first(projectRef(db, projectId)), access, missing)
}

/** Resolves a ticket reference and checks the caller may `access` its project. */
export async function ticketFor(db: Db, ctx: Ctx, ref: string, access: Access): Promise<TicketRow> {
  const t = await findTicket(db, ref)
  await assertProjectAccess(db, ctx, t?.project_id ?? NOWHERE.id, access, () => ticketNotFound(ref))
  return t!
}

/** Ids of the projects the user may read (or write); `all` for an admin. */
export async function visibleProjectIds(
  db: Db,
  user: User,
  access: Access = 'read',
): Promise<number[] | 'all'> {
  if (user.role === 'admin') return 'all'
  const [projects, direct, teams] = await Promise.all([
    db.selectFrom('projects').select(['id', 'visibility']).execute(),
    db
      .selectFrom('project_members')
      .select(['project_id', 'role'])
      .where('user_id', '=', user.id)
      .execute(),
    teamsWithAncestors(db, user.id),
  ])
  const links =
    teams.length === 0
      ? []
      : await db
          .selectFrom('project_teams')
          .select(['project_id', 'role'])
          .where('team_id', 'in', teams)
          .execute()
  const member = new Map(direct.map((m) => [m.project_id, parseProjectRole(m.role)]))
  const team = new Map<number, ProjectRole>()
  for (const l of links)
    team.set(l.project_id, strongest(team.get(l.project_id) ?? null, parseProjectRole(l.role))!)
  return projects
    .filter((p) =>
      allows(
        effectiveRole({
          admin: false,
          member: member.get(p.id) ?? null,
          team: team.get(p.id) ?? null,
          visibility: p.visibility,
        }),
        access,
      ),
    )
    .map((p) => p.id)
}

/** domain.md "Assignment and claim": only users who may work in the project take its tickets. */
export async function assertMayWork(db: Db, user: User, projectId: number): Promise<void> {
  const p = await db
    .selectFrom('projects')
    .select(['id', 'prefix', 'visibility'])
    .where('id', '=', projectId)
    .executeTakeFirstOrThrow()
  if (!allows(await roleOf(db, user, p), 'write'))
    throw conflict(
      `${user.username} may not work in project ${p.prefix}`,
      `make them an editor first: tk project add-user ${user.username} -role editor -project ${p.prefix}`,
    )
}

export function requireSignedIn(ctx: Ctx): void {
  if (!ctx.actor.enabled) throw forbidden(`user ${ctx.actor.username} is disabled`)
}
