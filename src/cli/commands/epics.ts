import type { Run } from '../command.ts'
import { colourState } from '../render.ts'
import { table } from '../table.ts'
import { UsageError } from '../usage-error.ts'

/**
 * The current epic (reference cli.md §2.2.15): `tk epic use KEY` keeps it in config.json and
 * new tasks, bugs and chores without `-parent` go under it until `tk epic clear`.
 */
export const use: Run = async (c) => {
  const raw = c.args.shift()
  if (raw === undefined)
    throw new UsageError(
      'which epic?',
      'give its key: tk epic use CUS-E-1 (see them with tk epic ls)',
    )
  if (c.args.length > 0)
    throw new UsageError(`unexpected argument "${c.args[0]}"`, 'tk epic use takes one key')
  const svc = await c.service()
  const epic = await svc.getTicket(c.ref(raw))
  if (epic.type !== 'epic')
    throw new UsageError(`ticket ${epic.key} is not an epic`, 'see the epics with: tk epic ls')
  c.workspace.saveConfig({ current_epic: epic.key })
  c.out.data(
    { current_epic: epic.key, ticket: epic },
    () => `using epic ${epic.key}: ${epic.title}`,
  )
}

export const clear: Run = async (c) => {
  if (c.args.length > 0)
    throw new UsageError(`unexpected argument "${c.args[0]}"`, 'tk epic clear takes none')
  c.workspace.saveConfig({ current_epic: undefined })
  c.out.data({ current_epic: null }, () => 'active epic cleared')
}

export const list: Run = async (c) => {
  const svc = await c.service()
  const project = c.project()
  const epics = await svc.listTickets({
    project,
    type: 'epic',
    ...(c.bool('all') ? { closed: true } : {}),
  })
  const current = c.workspace.config.current_epic
  c.out.data(
    epics.map((e) => ({ ...e, current: e.key === current })),
    (rows) =>
      rows.length === 0
        ? `no epics in ${project.toUpperCase()} (create one with: tk epic "Title")`
        : table(
            ['KEY', 'STATUS', 'TITLE'],
            rows.map((e) => [`${e.current ? '*' : ' '}${e.key}`, colourState(c.out, e), e.title]),
            c.out.width,
            2,
          ),
  )
}
