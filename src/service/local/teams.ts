/** @module Teams: nested groups of people and agents that projects can grant roles to. */
import type { Selectable } from 'kysely'
import type { AgentStatus } from '../../domain/agent.ts'
import { conflict, notFound } from '../../domain/errors.ts'
import { normaliseName } from '../../domain/names.ts'
import {
  parseTeamRole,
  type Team,
  type TeamAgent,
  type TeamDetail,
  type TeamMember,
  type TeamRole,
  wouldCycle,
} from '../../domain/team.ts'
import type { TeamsTable } from '../../store/database.ts'
import type { Db } from '../../store/store.ts'
import type { NewTeam, TeamPatch } from '../organisation-service.ts'
import {
  requireAdmin,
  requireAuthorityToGrant,
  requireTeamManager,
  visibleProjectIds,
} from './access.ts'
import { type Ctx, record, stamp } from './context.ts'
import { resolveNamed } from './named.ts'
import { findUser } from './users.ts'

type TeamRow = Selectable<TeamsTable>

export const resolveTeam = (db: Db, ref: string): Promise<TeamRow> => resolveNamed(db, 'teams', ref)

const selectTeams = (db: Db) =>
  db
    .selectFrom('teams as t')
    .leftJoin('teams as p', 'p.id', 't.parent_id')
    .selectAll('t')
    .select('p.name as parent_name')

async function loadTeam(db: Db, id: number): Promise<Team> {
  return selectTeams(db).where('t.id', '=', id).executeTakeFirstOrThrow()
}

async function assertNameFree(db: Db, name: string, exceptId?: number) {
  let q = db
    .selectFrom('teams')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId)
  if (await q.executeTakeFirst())
    throw conflict(`a team named "${name}" already exists`, 'choose another name')
}

async function parentFor(db: Db, teamId: number | undefined, ref: string): Promise<number> {
  const parent = await resolveTeam(db, ref)
  if (teamId === undefined) return parent.id
  if (parent.id === teamId) throw conflict('a team cannot be its own parent')
  const all = await db.selectFrom('teams').select(['id', 'parent_id']).execute()
  if (wouldCycle(teamId, parent.id, new Map(all.map((t) => [t.id, t.parent_id]))))
    throw conflict(
      `team ${parent.name} is below this team; making it the parent would create a cycle`,
      'choose a parent outside this team’s sub-teams',
    )
  return parent.id
}

const isIn = async (
  db: Db,
  table: 'team_members' | 'team_agents',
  teamId: number,
  userId: string,
): Promise<boolean> =>
  (await db
    .selectFrom(table)
    .select('user_id')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst()) !== undefined

/** A newcomer gains the team's project roles; changing an existing member's role grants none. */
const requireAuthorityToAdd = (db: Db, ctx: Ctx, t: TeamRow) =>
  requireAuthorityToGrant(db, ctx, t.id, {
    message: `only an admin, or an owner of every project team ${t.name} (or a team above it) has a role on, may add to it`,
    hint: `ask an admin (whoever joins gains those roles); see tk team get ${t.name}`,
  })

export async function listTeams(ctx: Ctx): Promise<Team[]> {
  return ctx.store.read((db) => selectTeams(db).orderBy('t.name').orderBy('t.id').execute())
}

const membersOf = (db: Db, teamId: number) =>
  db
    .selectFrom('team_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.team_id', 'm.user_id', 'u.username', 'm.role', 'm.job_title', 'm.created_at'])
    .where('m.team_id', '=', teamId)
    .orderBy('u.username')
    .execute() as Promise<TeamMember[]>

const agentsOf = async (db: Db, teamId: number): Promise<TeamAgent[]> =>
  (
    await db
      .selectFrom('team_agents as a')
      .innerJoin('users as u', 'u.id', 'a.user_id')
      .select(['a.team_id', 'a.user_id', 'u.username', 'a.created_at', 'u.enabled', 'u.status'])
      .where('a.team_id', '=', teamId)
      .orderBy('u.username')
      .execute()
  ).map(({ enabled, status, ...a }) => ({
    ...a,
    agent_id: a.user_id,
    agent_uuid: a.username,
    enabled: Boolean(enabled),
    status: status as AgentStatus,
  }))

export async function getTeam(ctx: Ctx, ref: string): Promise<TeamDetail> {
  return ctx.store.read(async (db) => {
    const row = await resolveTeam(db, ref)
    // Teams are seen by everyone signed in; the projects they reach only by who may read them.
    const readable = await visibleProjectIds(db, ctx.actor)
    let q = db
      .selectFrom('project_teams as pt')
      .innerJoin('projects as p', 'p.id', 'pt.project_id')
      .select(['p.prefix', 'pt.role'])
      .where('pt.team_id', '=', row.id)
      .orderBy('p.prefix')
    if (readable !== 'all') q = q.where('p.id', 'in', readable.length > 0 ? readable : [-1])
    const projects = await q.execute()
    return {
      ...(await loadTeam(db, row.id)),
      members: await membersOf(db, row.id),
      agents: await agentsOf(db, row.id),
      children: await selectTeams(db).where('t.parent_id', '=', row.id).orderBy('t.name').execute(),
      projects: projects.map((p) => ({ prefix: p.prefix, role: p.role })),
    }
  })
}

export async function createTeam(ctx: Ctx, input: NewTeam): Promise<Team> {
  requireAdmin(ctx, 'create teams')
  const name = normaliseName(input.name, 'team', 'Platform')
  return ctx.store.transaction(async (db) => {
    await assertNameFree(db, name)
    const parent_id = input.parent ? await parentFor(db, undefined, input.parent) : null
    const at = stamp(ctx)
    const t = await db
      .insertInto('teams')
      .values({
        name,
        description: input.description?.trim() ?? '',
        parent_id,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    // The reference makes the creator the team's owner, so it can be managed at once.
    await db
      .insertInto('team_members')
      .values({
        team_id: t.id,
        user_id: ctx.actor.id,
        role: 'owner',
        job_title: '',
        created_at: at,
      })
      .execute()
    await record(db, ctx, { event_type: 'team_created', project_id: null, payload: { name } })
    return loadTeam(db, t.id)
  })
}

export async function updateTeam(ctx: Ctx, ref: string, patch: TeamPatch): Promise<Team> {
  return ctx.store.transaction(async (db) => {
    const t = await resolveTeam(db, ref)
    await requireTeamManager(db, ctx, t)
    const next: Partial<TeamRow> = {}
    if (patch.name !== undefined) {
      next.name = normaliseName(patch.name, 'team', 'Platform')
      await assertNameFree(db, next.name, t.id)
    }
    if (patch.description !== undefined) next.description = patch.description.trim()
    if (patch.parent !== undefined)
      next.parent_id = patch.parent === null ? null : await parentFor(db, t.id, patch.parent)
    if (next.parent_id != null && next.parent_id !== t.parent_id)
      await requireAuthorityToGrant(db, ctx, next.parent_id, {
        message: `only an admin, or an owner of every project the new parent (or a team above it) has a role on, may put team ${t.name} under it`,
        hint: 'ask an admin (everyone in the team would gain those roles)',
      })
    if (Object.keys(next).length > 0) {
      await db
        .updateTable('teams')
        .set({ ...next, updated_at: stamp(ctx) })
        .where('id', '=', t.id)
        .execute()
      await record(db, ctx, {
        event_type: 'team_updated',
        project_id: null,
        payload: { team: t.name, fields: Object.keys(next) },
      })
    }
    return loadTeam(db, t.id)
  })
}

export async function deleteTeam(ctx: Ctx, ref: string): Promise<void> {
  await ctx.store.transaction(async (db) => {
    const t = await resolveTeam(db, ref)
    await requireTeamManager(db, ctx, t)
    const children = await db
      .selectFrom('teams')
      .select('name')
      .where('parent_id', '=', t.id)
      .orderBy('name')
      .execute()
    if (children.length > 0)
      throw conflict(
        `team ${t.name} has sub-teams: ${children.map((c) => c.name).join(', ')}`,
        'delete them or move them under another team first (tk team update NAME -parent …)',
      )
    const projects = await db
      .selectFrom('project_teams as pt')
      .innerJoin('projects as p', 'p.id', 'pt.project_id')
      .select('p.prefix')
      .where('pt.team_id', '=', t.id)
      .orderBy('p.prefix')
      .execute()
    if (projects.length > 0)
      throw conflict(
        `team ${t.name} has access to projects ${projects.map((p) => p.prefix).join(', ')}`,
        `remove it from them first: tk project remove-team -project ${projects[0]!.prefix} -team ${t.name}`,
      )
    // Memberships and agent links go with the team (foreign keys cascade).
    await db.deleteFrom('teams').where('id', '=', t.id).execute()
    await record(db, ctx, {
      event_type: 'team_deleted',
      project_id: null,
      payload: { name: t.name },
    })
  })
}

export async function listTeamMembers(ctx: Ctx, team: string): Promise<TeamMember[]> {
  return ctx.store.read(async (db) => membersOf(db, (await resolveTeam(db, team)).id))
}

export async function addTeamMember(
  ctx: Ctx,
  team: string,
  input: { username: string; role?: TeamRole; job_title?: string },
): Promise<TeamMember> {
  const role = input.role ? parseTeamRole(input.role) : 'member'
  return ctx.store.transaction(async (db) => {
    const t = await resolveTeam(db, team)
    await requireTeamManager(db, ctx, t)
    const u = await findUser(db, input.username)
    if (!(await isIn(db, 'team_members', t.id, u.id))) await requireAuthorityToAdd(db, ctx, t)
    const job_title = input.job_title?.trim() ?? ''
    await db
      .insertInto('team_members')
      .values({ team_id: t.id, user_id: u.id, role, job_title, created_at: stamp(ctx) })
      .onConflict((oc) => oc.columns(['team_id', 'user_id']).doUpdateSet({ role, job_title }))
      .execute()
    await record(db, ctx, {
      event_type: 'team_member_added',
      project_id: null,
      payload: { team: t.name, username: u.username, role },
    })
    return (await membersOf(db, t.id)).find((m) => m.user_id === u.id)!
  })
}

export async function removeTeamMember(ctx: Ctx, team: string, username: string): Promise<void> {
  await ctx.store.transaction(async (db) => {
    const t = await resolveTeam(db, team)
    await requireTeamManager(db, ctx, t)
    const u = await findUser(db, username)
    const r = await db
      .deleteFrom('team_members')
      .where('team_id', '=', t.id)
      .where('user_id', '=', u.id)
      .executeTakeFirst()
    if (Number(r.numDeletedRows) === 0)
      throw notFound(
        `${u.username} is not a member of team ${t.name}`,
        `see: tk team members ${t.name}`,
      )
    await record(db, ctx, {
      event_type: 'team_member_removed',
      project_id: null,
      payload: { team: t.name, username: u.username },
    })
  })
}

export async function addTeamAgent(ctx: Ctx, team: string, agent: string): Promise<TeamAgent> {
  return ctx.store.transaction(async (db) => {
    const t = await resolveTeam(db, team)
    await requireTeamManager(db, ctx, t)
    const u = await findUser(db, agent)
    if (u.user_type !== 'agent')
      throw conflict(
        `${u.username} is a person, not an agent`,
        `add people with: tk team add-member ${t.name} -user ${u.username}`,
      )
    if (!(await isIn(db, 'team_agents', t.id, u.id))) await requireAuthorityToAdd(db, ctx, t)
    await db
      .insertInto('team_agents')
      .values({ team_id: t.id, user_id: u.id, created_at: stamp(ctx) })
      .onConflict((oc) => oc.columns(['team_id', 'user_id']).doNothing())
      .execute()
    await record(db, ctx, {
      event_type: 'team_agent_added',
      project_id: null,
      payload: { team: t.name, agent: u.username },
    })
    return (await agentsOf(db, t.id)).find((a) => a.user_id === u.id)!
  })
}

export async function removeTeamAgent(ctx: Ctx, team: string, agent: string): Promise<void> {
  await ctx.store.transaction(async (db) => {
    const t = await resolveTeam(db, team)
    await requireTeamManager(db, ctx, t)
    const u = await findUser(db, agent)
    const r = await db
      .deleteFrom('team_agents')
      .where('team_id', '=', t.id)
      .where('user_id', '=', u.id)
      .executeTakeFirst()
    if (Number(r.numDeletedRows) === 0)
      throw notFound(`agent ${u.username} is not in team ${t.name}`, `see: tk team get ${t.name}`)
    await record(db, ctx, {
      event_type: 'team_agent_removed',
      project_id: null,
      payload: { team: t.name, agent: u.username },
    })
  })
}
