import { describeEvent } from '../../domain/describe-event.ts'
import type { Run } from '../command.ts'
import { paint } from '../output.ts'
import { when } from '../render.ts'
import { UsageError } from '../usage-error.ts'

export const comment: Run = async (c) => {
  const ref = c.ticket()
  const text = c.str('message') ?? c.args.join(' ')
  if (text.trim() === '')
    throw new UsageError('what should the comment say?', `e.g. tk comment ${ref} "started on this"`)
  const created = await (await c.service()).addComment(ref, text)
  c.out.data(created, (x) => `commented on ${x.ticket_key}`)
}

export const comments: Run = async (c) => {
  const list = await (await c.service()).listComments(c.ticket())
  c.out.data(list, (xs) =>
    xs.length === 0
      ? 'no comments'
      : xs
          .map(
            (x) =>
              `[${when(x.created_at)}] ${paint(c.out.color, 'bold', x.author_name ?? x.author)}: ${x.text}`,
          )
          .join('\n'),
  )
}

export const history: Run = async (c) => {
  const raw = c.str('id') ?? c.args[0]
  const limit = c.int('limit') ?? 20
  if (limit < 0) throw new UsageError('-n must be 0 or more')
  const filter = {
    ...(raw ? { ticket: c.ref(raw) } : { project: c.project() }),
    limit,
    ...(c.str('user') ? { actor: c.str('user')! } : {}),
  }
  const events = await (await c.service()).listHistory(filter)
  c.out.data(events, (es) =>
    es.length === 0
      ? 'no history'
      : es
          .map(
            (e) =>
              `[${when(e.created_at)}] ${raw ? '' : `${e.ticket_key ?? '-'}  `}${describeEvent(e)} ${paint(c.out.color, 'dim', `(by ${e.actor_name ?? e.actor})`)}`,
          )
          .join('\n'),
  )
}

export const conversation: Run = async (c) => {
  const entries = await (await c.service()).conversation(c.ticket())
  c.out.data(entries, (es) =>
    es.length === 0
      ? 'nothing yet'
      : es
          .map((e) =>
            e.kind === 'comment'
              ? `[${when(e.created_at)}] ${paint(c.out.color, 'bold', e.author_name ?? e.author)}: ${e.text}`
              : `[${when(e.created_at)}] ${paint(c.out.color, 'dim', `${describeEvent(e)} (by ${e.actor_name ?? e.actor})`)}`,
          )
          .join('\n'),
  )
}
