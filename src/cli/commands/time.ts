import type { Run } from '../command.ts'
import { formatMinutes } from '../output.ts'
import { table } from '../table.ts'
import { UsageError } from '../usage-error.ts'

const day = (iso: string) => iso.slice(0, 16).replace('T', ' ')

export const log: Run = async (c) => {
  const ref = c.ticket()
  const raw = c.str('minutes') ?? c.args.shift()
  if (raw === undefined)
    throw new UsageError('how many minutes?', `e.g. tk time log -id ${ref} -m 30 -note "review"`)
  if (!/^\d+$/.test(raw.trim()))
    throw new UsageError(
      `minutes must be a whole number, not "${raw}"`,
      // -m is minutes here (as in the original tk) but a message on every other command.
      'on time log -m means -minutes, e.g. -minutes 90; the note goes in -note TEXT or after the minutes',
    )
  const note = c.str('note') ?? (c.args.length > 0 ? c.args.join(' ') : undefined)
  const svc = await c.service()
  const entry = await svc.logTime({ ticket: ref, minutes: Number(raw), ...(note ? { note } : {}) })
  const total = await svc.timeTotal(entry.ticket_key)
  c.out.data(
    entry,
    (e) =>
      `logged ${formatMinutes(e.minutes)} on ${e.ticket_key} (total ${formatMinutes(total.minutes)})`,
  )
}

export const list: Run = async (c) => {
  const entries = await (await c.service()).listTime(c.ticket())
  c.out.data(entries, (es) =>
    es.length === 0
      ? 'no time entries'
      : table(
          ['ID', 'TIME', 'USER', 'DATE', 'NOTE'],
          es.map((e) => [
            String(e.id),
            formatMinutes(e.minutes),
            e.user,
            day(e.created_at),
            e.note,
          ]),
          c.out.width,
          4,
        ),
  )
}

export const total: Run = async (c) => {
  const t = await (await c.service()).timeTotal(c.ticket())
  c.out.data(t, (x) => {
    const head = `${x.ticket_key}: ${formatMinutes(x.minutes)} (${x.minutes} min in ${x.entries} ${x.entries === 1 ? 'entry' : 'entries'})`
    if (x.by_user.length < 2) return head
    return [head, ...x.by_user.map((u) => `  ${u.user}: ${formatMinutes(u.minutes)}`)].join('\n')
  })
}

export const remove: Run = async (c) => {
  const raw = c.str('id') ?? c.args[0]
  if (raw === undefined || !/^\d+$/.test(raw.trim()))
    throw new UsageError(
      raw === undefined ? 'which time entry?' : `time entry id must be a number, not "${raw}"`,
      'see the ids with tk time list KEY, then: tk time delete 3',
    )
  const id = Number(raw)
  await (await c.service()).deleteTime(id)
  c.out.data({ status: 'deleted', id }, (d) => `deleted time entry ${d.id}`)
}
