import type { Run } from '../command.ts'
import { table } from '../table.ts'
import { UsageError } from '../usage-error.ts'
import type { WorkspaceConfig } from '../workspace.ts'

/** The keys `tk config` reads and writes, with the original's names for them. */
const KEYS: Readonly<Record<string, keyof WorkspaceConfig & string>> = {
  project: 'project',
  project_id: 'project',
  current_epic: 'current_epic',
  current_epic_id: 'current_epic',
  server_url: 'server_url',
  location: 'server_url',
  username: 'username',
}
const SHOWN = ['project', 'current_epic', 'server_url', 'username'] as const

function keyOf(raw: string | undefined, verb: string): keyof WorkspaceConfig & string {
  if (raw === undefined)
    throw new UsageError(`which key?`, `e.g. tk config ${verb} project (keys: ${SHOWN.join(', ')})`)
  const key = KEYS[raw.toLowerCase()]
  if (!key) throw new UsageError(`unknown config key "${raw}"`, `the keys are: ${SHOWN.join(', ')}`)
  return key
}

const noMore = (c: Parameters<Run>[0]) => {
  if (c.args.length > 0)
    throw new UsageError(`unexpected argument "${c.args[0]}"`, `see: tk help ${c.spec.name}`)
}

export const get: Run = async (c) => {
  const key = keyOf(c.args.shift(), 'get')
  noMore(c)
  const value = c.workspace.config[key]
  c.out.data({ [key]: value ?? null }, () => (typeof value === 'string' ? value : ''))
}

export const set: Run = async (c) => {
  const key = keyOf(c.args.shift(), 'set')
  const value = c.args.shift()
  if (value === undefined)
    throw new UsageError(`what should ${key} be?`, `e.g. tk config set ${key} VALUE`)
  noMore(c)
  c.workspace.saveConfig({ [key]: value })
  c.out.data({ [key]: value }, () => `${key}=${value}`)
}

export const remove: Run = async (c) => {
  const key = keyOf(c.args.shift(), 'rm')
  noMore(c)
  c.workspace.saveConfig({ [key]: undefined })
  c.out.data({ deleted: key }, () => `deleted ${key}`)
}

export const list: Run = async (c) => {
  noMore(c)
  const values = Object.fromEntries(SHOWN.map((k) => [k, c.workspace.config[k] ?? null]))
  c.out.data(values, (v) =>
    table(
      ['KEY', 'VALUE'],
      SHOWN.map((k) => [k, typeof v[k] === 'string' ? (v[k] as string) : '']),
      c.out.width,
    ),
  )
}
