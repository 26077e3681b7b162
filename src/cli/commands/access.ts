import type { ProjectRole } from '../../domain/access.ts'
import type { Run } from '../command.ts'
import { table } from '../table.ts'
import { required } from './subject.ts'

export const users: Run = async (c) => {
  const ms = await (await c.service()).listProjectMembers(c.project())
  c.out.data(ms, (xs) =>
    xs.length === 0
      ? 'no project members'
      : table(
          ['USERNAME', 'ROLE', 'SINCE'],
          xs.map((m) => [m.username, m.role, m.created_at.slice(0, 10)]),
          c.out.width,
        ),
  )
}

export const addUser: Run = async (c) => {
  const project = c.project()
  const username = required(c, 'user', `alice -role editor -project ${project}`)
  const role = required(c, 'role', `${username} -role editor`) as ProjectRole
  const m = await (await c.service()).addProjectMember(project, { username, role })
  c.out.data(m, (x) => `${x.username} is now ${x.role} of project ${project.toUpperCase()}`)
}

export const removeUser: Run = async (c) => {
  const project = c.project()
  const username = required(c, 'user', `alice -project ${project}`)
  await (await c.service()).removeProjectMember(project, username)
  c.out.data(
    { status: 'removed', project, username },
    () => `removed ${username} from project ${project.toUpperCase()}`,
  )
}

export const teams: Run = async (c) => {
  const ts = await (await c.service()).listProjectTeams(c.project())
  c.out.data(ts, (xs) =>
    xs.length === 0
      ? 'no project teams'
      : table(
          ['TEAM', 'ROLE', 'SINCE'],
          xs.map((t) => [t.team_name, t.role, t.created_at.slice(0, 10)]),
          c.out.width,
        ),
  )
}

export const addTeam: Run = async (c) => {
  const project = c.project()
  const team = required(c, 'team', `Platform -role editor -project ${project}`)
  const role = required(c, 'role', `${team} -role editor`) as ProjectRole
  const t = await (await c.service()).addProjectTeam(project, { team, role })
  c.out.data(t, (x) => `team ${x.team_name} is now ${x.role} of project ${project.toUpperCase()}`)
}

export const removeTeam: Run = async (c) => {
  const project = c.project()
  const team = required(c, 'team', `Platform -project ${project}`)
  await (await c.service()).removeProjectTeam(project, team)
  c.out.data(
    { status: 'removed', project, team },
    () => `removed team ${team} from project ${project.toUpperCase()}`,
  )
}
