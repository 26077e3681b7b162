import type { TeamMember, TeamRole } from '../../domain/team.ts'
import type { CommandContext, Run } from '../command.ts'
import { table } from '../table.ts'
import { UsageError } from '../usage-error.ts'
import { given, required, subject } from './subject.ts'

const teamRef = (c: CommandContext) => subject(c, 'id', 'team', 'Platform (or -id 2)')
const userOf = (c: CommandContext, example: string) => required(c, 'user', example)

const membersTable = (c: CommandContext, ms: readonly TeamMember[]) =>
  ms.length === 0
    ? 'no team members'
    : table(
        ['USERNAME', 'ROLE', 'JOB TITLE', 'SINCE'],
        ms.map((m) => [m.username, m.role, m.job_title || '-', m.created_at.slice(0, 10)]),
        c.out.width,
      )

export const list: Run = async (c) => {
  const teams = await (await c.service()).listTeams()
  c.out.data(teams, (xs) =>
    xs.length === 0
      ? 'no teams'
      : table(
          ['ID', 'NAME', 'PARENT', 'DESCRIPTION'],
          xs.map((t) => [String(t.id), t.name, t.parent_name ?? '-', t.description]),
          c.out.width,
          3,
        ),
  )
}

export const get: Run = async (c) => {
  const t = await (await c.service()).getTeam(teamRef(c))
  c.out.data(t, (x) =>
    [
      `ID          : ${x.id}`,
      `Name        : ${x.name}`,
      `Parent      : ${x.parent_name ?? '-'}`,
      ...(x.description ? [`Description : ${x.description}`] : []),
      `Sub-teams   : ${x.children.map((k) => k.name).join(', ') || '-'}`,
      `Projects    : ${x.projects.map((p) => `${p.prefix} (${p.role})`).join(', ') || '-'}`,
      `Agents      : ${x.agents.map((a) => a.username).join(', ') || '-'}`,
      '',
      'Members:',
      membersTable(c, x.members)
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n'),
    ].join('\n'),
  )
}

export const create: Run = async (c) => {
  const name = c.str('name') ?? c.args.join(' ')
  if (!name.trim())
    throw new UsageError(
      'a team name is required',
      'e.g. tk team create -name Platform -parent Engineering',
    )
  const t = await (await c.service()).createTeam({
    name,
    ...given({ description: c.str('description'), parent: c.str('parent') }),
  })
  c.out.data(
    t,
    (x) => `created team #${x.id} ${x.name}${x.parent_name ? ` under ${x.parent_name}` : ''}`,
  )
}

export const update: Run = async (c) => {
  const ref = teamRef(c)
  const parent = c.str('parent')
  const patch = {
    ...given({ name: c.str('name'), description: c.str('description') }),
    ...(parent === undefined
      ? {}
      : { parent: ['', 'none', '-'].includes(parent.trim()) ? null : parent }),
  }
  if (Object.keys(patch).length === 0)
    throw new UsageError(
      'nothing to update',
      `e.g. tk team update ${ref} -parent Engineering (or -parent none)`,
    )
  const t = await (await c.service()).updateTeam(ref, patch)
  c.out.data(t, (x) => `updated team #${x.id} ${x.name} (parent: ${x.parent_name ?? '-'})`)
}

export const remove: Run = async (c) => {
  const ref = teamRef(c)
  await (await c.service()).deleteTeam(ref)
  c.out.data({ status: 'deleted', team: ref }, () => `deleted team ${ref}`)
}

export const members: Run = async (c) => {
  const ms = await (await c.service()).listTeamMembers(teamRef(c))
  c.out.data(ms, (xs) => membersTable(c, xs))
}

export const addMember: Run = async (c) => {
  const team = teamRef(c)
  const m = await (await c.service()).addTeamMember(team, {
    username: userOf(c, `${team} -user alice -role owner`),
    ...given({ role: c.str('role') as TeamRole | undefined, job_title: c.str('jobTitle') }),
  })
  c.out.data(
    m,
    (x) =>
      `added ${x.username} to team ${team} as ${x.role}${x.job_title ? ` (${x.job_title})` : ''}`,
  )
}

export const removeMember: Run = async (c) => {
  const team = teamRef(c)
  const user = userOf(c, `${team} -user alice`)
  await (await c.service()).removeTeamMember(team, user)
  c.out.data({ status: 'removed', team, username: user }, () => `removed ${user} from team ${team}`)
}

export const addAgent: Run = async (c) => {
  const team = teamRef(c)
  const a = await (await c.service()).addTeamAgent(
    team,
    required(c, 'agent', `${team} -agent <uuid>`),
  )
  c.out.data(a, (x) => `added agent ${x.username} to team ${team}`)
}

export const removeAgent: Run = async (c) => {
  const team = teamRef(c)
  const agent = required(c, 'agent', `${team} -agent <uuid>`)
  await (await c.service()).removeTeamAgent(team, agent)
  c.out.data({ status: 'removed', team, agent }, () => `removed agent ${agent} from team ${team}`)
}
