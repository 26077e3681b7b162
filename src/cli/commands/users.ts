import type { User, UserRole, UserType } from '../../domain/user.ts'
import type { UserWithPassword } from '../../service/organisation-service.ts'
import type { CommandContext, Run } from '../command.ts'
import { table } from '../table.ts'
import { given, subject } from './subject.ts'

const username = (c: CommandContext) => subject(c, 'username', 'user', 'alice (or -username alice)')

export const list: Run = async (c) => {
  const users = await (await c.service()).listUsers({ include_agents: c.bool('all') })
  c.out.data(users, (xs) =>
    xs.length === 0
      ? 'no users'
      : table(
          ['USERNAME', 'ROLE', 'TYPE', 'ENABLED', 'EMAIL', 'CREATED'],
          xs.map((u) => [
            u.username,
            u.role,
            u.user_type,
            u.enabled ? 'yes' : 'no',
            u.email || '-',
            u.created_at.slice(0, 10),
          ]),
          c.out.width,
        ),
  )
}

const withPassword = (verb: string) => (r: UserWithPassword) =>
  [
    `${verb} user ${r.user.username} (${r.user.role})`,
    ...(r.password ? [`password : ${r.password}   (shown once; keep it safe)`] : []),
  ].join('\n')

export const create: Run = async (c) => {
  const r = await (await c.service()).createUser({
    username: username(c),
    ...given({
      password: c.str('password'),
      role: c.str('role') as UserRole | undefined,
      user_type: c.str('type') as UserType | undefined,
      display_name: c.str('displayName'),
      email: c.str('email'),
    }),
  })
  c.out.data(r, withPassword('created'))
}

const toggle =
  (enabled: boolean): Run =>
  async (c) => {
    const u = await (await c.service()).setUserEnabled(username(c), enabled)
    c.out.data(u, (x: User) => `${enabled ? 'enabled' : 'disabled'} user ${x.username}`)
  }
export const enable = toggle(true)
export const disable = toggle(false)

export const resetPassword: Run = async (c) => {
  const r = await (await c.service()).resetPassword(username(c), c.str('password'))
  c.out.data(r, (x) =>
    [
      `username : ${x.user.username}`,
      ...(x.password ? [`password : ${x.password}   (shown once; keep it safe)`] : []),
      'all sessions ended',
    ].join('\n'),
  )
}

export const remove: Run = async (c) => {
  const name = username(c)
  await (await c.service()).deleteUser(name)
  c.out.data({ status: 'deleted', username: name }, () => `deleted user ${name}`)
}
