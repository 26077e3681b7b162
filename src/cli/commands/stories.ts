import type { Story, StoryDetail, StoryStatus } from '../../domain/story.ts'
import type { CommandContext, Run } from '../command.ts'
import { ticketTable } from '../render.ts'
import { table } from '../table.ts'
import { UsageError } from '../usage-error.ts'
import { given, subject } from './subject.ts'

function storyId(c: CommandContext): number {
  const raw = subject(c, 'id', 'story', '3 (see tk story list)')
  if (!/^\d+$/.test(raw))
    throw new UsageError(`invalid story id "${raw}"`, 'story ids are numbers; see tk story list')
  return Number(raw)
}

const head = (s: Story | StoryDetail) => [
  `ID          : ${s.id}`,
  `Project     : ${s.project_prefix}`,
  `Title       : ${s.title}`,
  `Status      : ${s.status}`,
  ...(s.description ? [`Description : ${s.description}`] : []),
  `Created     : ${s.created_at.slice(0, 10)} by ${s.created_by}`,
]

const detail = (c: CommandContext) => (s: StoryDetail) =>
  [
    ...head(s),
    '',
    s.tickets.length === 0
      ? `no linked tickets (link one: tk story link ${s.id} KEY)`
      : `Tickets:\n${ticketTable(c.out, s.tickets)}`,
  ].join('\n')

export const create: Run = async (c) => {
  const title = c.str('title') ?? c.args.join(' ')
  if (!title.trim())
    throw new UsageError(
      'a story title is required',
      'e.g. tk story create "As a customer I can reset my password"',
    )
  const s = await (await c.service()).createStory({
    project: c.project(),
    title,
    ...given({ description: c.str('description') }),
  })
  c.out.data(s, (x) => `story ${x.id}: ${x.title} (${x.status})`)
}

export const list: Run = async (c) => {
  const status = c.str('status') as StoryStatus | undefined
  const ss = await (await c.service()).listStories({ project: c.project(), ...given({ status }) })
  c.out.data(ss, (xs) =>
    xs.length === 0
      ? 'no stories'
      : table(
          ['ID', 'STATUS', 'TICKETS', 'TITLE'],
          xs.map((s) => [String(s.id), s.status, String(s.tickets.length), s.title]),
          c.out.width,
          3,
        ),
  )
}

export const get: Run = async (c) => {
  const s = await (await c.service()).getStory(storyId(c))
  c.out.data(s, detail(c))
}

export const update: Run = async (c) => {
  const id = storyId(c)
  const patch = given({
    title: c.str('title'),
    description: c.str('description'),
    status: c.str('status') as StoryStatus | undefined,
  })
  if (Object.keys(patch).length === 0)
    throw new UsageError('nothing to update', `e.g. tk story update ${id} -status ready_for_review`)
  const s = await (await c.service()).updateStory(id, patch)
  c.out.data(s, (x) => `story ${x.id} updated: ${x.title} (${x.status})`)
}

export const remove: Run = async (c) => {
  const id = storyId(c)
  await (await c.service()).deleteStory(id)
  c.out.data({ status: 'deleted', id }, () => `deleted story ${id} (its tickets stay)`)
}

const linking =
  (link: boolean): Run =>
  async (c) => {
    const id = storyId(c)
    const key = c.ref(subject(c, 'ticket', 'ticket', `${id} CUS-T-4`))
    const svc = await c.service()
    const s = link ? await svc.linkStory(id, key) : await svc.unlinkStory(id, key)
    c.out.data(
      s,
      (x) =>
        `${link ? 'linked' : 'unlinked'} ${key.toUpperCase()} ${link ? 'to' : 'from'} story ${x.id} (${x.tickets.length} ticket(s) linked)`,
    )
  }
export const link = linking(true)
export const unlink = linking(false)
