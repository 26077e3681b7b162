import { forbidden, invalid, notFound } from '../../domain/errors.ts'
import {
  MAX_TIME_NOTE,
  parseMinutes,
  type TimeEntry,
  type TimeTotal,
} from '../../domain/time-entry.ts'
import type { Db } from '../../store/store.ts'
import { findTicketRowById } from '../../store/tickets.ts'
import type { NewTimeEntry } from '../ticket-service.ts'
import { assertProjectAccess, ticketFor } from './access.ts'
import { type Ctx, mutate, record, stamp } from './context.ts'
import { assertEditable } from './guards.ts'

const selectEntries = (db: Db) =>
  db
    .selectFrom('time_entries as e')
    .innerJoin('tickets as t', 't.id', 'e.ticket_id')
    .select(['e.id', 't.key as ticket_key', 'e.user', 'e.minutes', 'e.note', 'e.created_at'])

export async function logTime(ctx: Ctx, input: NewTimeEntry): Promise<TimeEntry> {
  const minutes = parseMinutes(input.minutes)
  const note = (input.note ?? '').trim()
  if (note.length > MAX_TIME_NOTE)
    throw invalid(`the note is longer than ${MAX_TIME_NOTE} characters`)
  const id = await mutate(ctx, async (tx) => {
    const t = await ticketFor(tx.db, ctx, input.ticket, 'write')
    assertEditable(t)
    const row = await tx.db
      .insertInto('time_entries')
      .values({ ticket_id: t.id, user: ctx.actor.username, minutes, note, created_at: stamp(ctx) })
      .returning('id')
      .executeTakeFirstOrThrow()
    await record(tx.db, ctx, {
      event_type: 'time_logged',
      project_id: t.project_id,
      ticket_id: t.id,
      ticket_key: t.key,
      payload: { time_entry_id: row.id, minutes, note },
    })
    // Live views show the logged total, so they hear about the ticket.
    tx.touched.add(t.id)
    return row.id
  })
  return ctx.store.read((db) => selectEntries(db).where('e.id', '=', id).executeTakeFirstOrThrow())
}

export async function listTime(ctx: Ctx, ref: string): Promise<TimeEntry[]> {
  return ctx.store.read(async (db) => {
    const t = await ticketFor(db, ctx, ref, 'read')
    return selectEntries(db)
      .where('e.ticket_id', '=', t.id)
      .orderBy('e.created_at')
      .orderBy('e.id')
      .execute()
  })
}

export async function timeTotal(ctx: Ctx, ref: string): Promise<TimeTotal> {
  return ctx.store.read(async (db) => {
    const t = await ticketFor(db, ctx, ref, 'read')
    const rows = await db
      .selectFrom('time_entries')
      .select(['user'])
      .select((eb) => [
        eb.fn.sum<number>('minutes').as('minutes'),
        eb.fn.countAll<number>().as('n'),
      ])
      .where('ticket_id', '=', t.id)
      .groupBy('user')
      .execute()
    const by_user = rows
      .map((r) => ({ user: r.user, minutes: Number(r.minutes) }))
      .sort((a, b) => b.minutes - a.minutes || a.user.localeCompare(b.user))
    const minutes = by_user.reduce((s, u) => s + u.minutes, 0)
    return {
      ticket_key: t.key,
      minutes,
      total: minutes,
      entries: rows.reduce((s, r) => s + Number(r.n), 0),
      by_user,
    }
  })
}

export async function deleteTime(ctx: Ctx, id: number): Promise<void> {
  if (!Number.isInteger(id) || id <= 0)
    throw invalid(`invalid time entry id "${id}"`, 'see the ids with tk time list KEY')
  await mutate(ctx, async (tx) => {
    const e = await tx.db
      .selectFrom('time_entries')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()
    const owner = e && (await findTicketRowById(tx.db, e.ticket_id))
    await assertProjectAccess(tx.db, ctx, owner?.project_id ?? -1, 'write', () =>
      notFound(`time entry ${id} not found`, 'see the ids with tk time list KEY'),
    )
    if (!e) throw notFound(`time entry ${id} not found`, 'see the ids with tk time list KEY')
    if (e.user !== ctx.actor.username && ctx.actor.role !== 'admin')
      throw forbidden(
        `time entry ${id} was logged by ${e.user}`,
        'only its author or an admin may delete it',
      )
    const ticket = await findTicketRowById(tx.db, e.ticket_id)
    if (!ticket) throw notFound(`time entry ${id} belongs to a ticket that no longer exists`)
    assertEditable(ticket)
    await tx.db.deleteFrom('time_entries').where('id', '=', id).execute()
    await record(tx.db, ctx, {
      event_type: 'time_deleted',
      project_id: ticket.project_id,
      ticket_id: ticket.id,
      ticket_key: ticket.key,
      payload: { time_entry_id: id, minutes: e.minutes, user: e.user },
    })
    tx.touched.add(ticket.id)
  })
}
