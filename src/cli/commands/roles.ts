import type { Role } from '../../domain/role.ts'
import type { CommandContext, Run } from '../command.ts'
import { table } from '../table.ts'
import { UsageError } from '../usage-error.ts'
import { given, subject } from './subject.ts'

const roleRef = (c: CommandContext) => subject(c, 'id', 'role', '"QA/Tester" (or -id 5)')

const detail = (r: Role) =>
  [
    `ID         : ${r.id}`,
    `Name       : ${r.name}`,
    `Title      : ${r.title}`,
    `Motivation : ${r.motivation || '-'}`,
    `Goals      : ${r.goals || '-'}`,
    `Created    : ${r.created_at.slice(0, 10)}`,
  ].join('\n')

const flat = (s: string) => s.replace(/\s+/g, ' ')

export const list: Run = async (c) => {
  const roles = await (await c.service()).listRoles()
  c.out.data(roles, (xs) =>
    xs.length === 0
      ? 'no roles'
      : table(
          ['ID', 'NAME', 'TITLE', 'GOALS'],
          xs.map((r) => [String(r.id), r.name, r.title, flat(r.goals)]),
          c.out.width,
          3,
        ),
  )
}

export const get: Run = async (c) => {
  const r = await (await c.service()).getRole(roleRef(c))
  c.out.data(r, detail)
}

const fields = (c: CommandContext) =>
  given({ title: c.str('title'), motivation: c.str('motivation'), goals: c.str('goals') })

export const create: Run = async (c) => {
  const name = c.str('name') ?? (c.args.length > 0 ? c.args.join(' ') : c.str('title'))
  if (!name?.trim())
    throw new UsageError(
      'a role name is required',
      'e.g. tk role create -name "Release Manager" -goals "…"',
    )
  const r = await (await c.service()).createRole({ name, ...fields(c) })
  c.out.data(r, (x) => `created role #${x.id} ${x.name}`)
}

export const update: Run = async (c) => {
  const ref = roleRef(c)
  const patch = { ...fields(c), ...given({ name: c.str('name') }) }
  if (Object.keys(patch).length === 0)
    throw new UsageError('nothing to update', `e.g. tk role update ${ref} -goals "…"`)
  const r = await (await c.service()).updateRole(ref, patch)
  c.out.data(r, (x) => `updated role #${x.id} ${x.name}`)
}

export const remove: Run = async (c) => {
  const ref = roleRef(c)
  await (await c.service()).deleteRole(ref, { force: c.bool('force') })
  c.out.data({ status: 'deleted', role: ref }, () => `deleted role ${ref}`)
}
