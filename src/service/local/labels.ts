import { conflict, invalid, notFound } from '../../domain/errors.ts'
import { type Label, normaliseLabelName, parseColour } from '../../domain/label.ts'
import type { Ticket } from '../../domain/ticket.ts'
import type { Db } from '../../store/store.ts'
import type { TicketRow } from '../../store/tickets.ts'
import type { LabelPatch, NewLabel } from '../ticket-service.ts'
import { projectFor, ticketFor } from './access.ts'
import { type Ctx, mutate, record, stamp, type Tx } from './context.ts'
import { assertEditable } from './guards.ts'
import { loadTicket } from './read.ts'

const selectLabels = (db: Db) =>
  db
    .selectFrom('labels as l')
    .innerJoin('projects as p', 'p.id', 'l.project_id')
    .select([
      'l.id',
      'l.project_id',
      'p.prefix as project_prefix',
      'l.name',
      'l.color',
      'l.created_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('ticket_labels as tl')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('tl.label_id', '=', 'l.id')
        .as('tickets'),
    )

type LabelRow = Awaited<ReturnType<ReturnType<typeof selectLabels>['executeTakeFirstOrThrow']>>

const toLabel = (r: LabelRow): Label => ({ ...r, tickets: Number(r.tickets ?? 0) })

/** A label of the project by name (any letter case) or, failing that, by numeric id. */
async function resolveLabel(db: Db, project: { id: number; prefix: string }, ref: string) {
  const q = selectLabels(db).where('l.project_id', '=', project.id)
  const trimmed = ref.trim()
  const byName = await q
    .where((eb) => eb(eb.fn('lower', ['l.name']), '=', trimmed.toLowerCase()))
    .executeTakeFirst()
  const row =
    byName ??
    (/^\d+$/.test(trimmed)
      ? await q.where('l.id', '=', Number(trimmed)).executeTakeFirst()
      : undefined)
  if (!row)
    throw notFound(
      `label "${trimmed}" not found in project ${project.prefix}`,
      `see the labels with tk label ls, or create it: tk label create "${trimmed}"`,
    )
  return row
}

async function assertNameFree(
  db: Db,
  project: { id: number; prefix: string },
  name: string,
  exceptId?: number,
) {
  let q = db
    .selectFrom('labels')
    .select('name')
    .where('project_id', '=', project.id)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId)
  const clash = await q.executeTakeFirst()
  if (clash)
    throw conflict(
      `project ${project.prefix} already has a label "${clash.name}"`,
      'label names are unique in a project (regardless of case); use the existing one',
    )
}

const readLabel = (ctx: Ctx, id: number) =>
  ctx.store.read(async (db) =>
    toLabel(await selectLabels(db).where('l.id', '=', id).executeTakeFirstOrThrow()),
  )

export async function createLabel(ctx: Ctx, input: NewLabel): Promise<Label> {
  const name = normaliseLabelName(input.name)
  const color = parseColour(input.color ?? '')
  const id = await mutate(ctx, async ({ db }) => {
    const project = await projectFor(db, ctx, input.project, 'write')
    await assertNameFree(db, project, name)
    const row = await db
      .insertInto('labels')
      .values({ project_id: project.id, name, color, created_at: stamp(ctx) })
      .returning('id')
      .executeTakeFirstOrThrow()
    await record(db, ctx, {
      event_type: 'label_created',
      project_id: project.id,
      payload: { label: name, color },
    })
    return row.id
  })
  return readLabel(ctx, id)
}

export async function updateLabel(
  ctx: Ctx,
  project: string,
  ref: string,
  patch: LabelPatch,
): Promise<Label> {
  const name = patch.name === undefined ? undefined : normaliseLabelName(patch.name)
  const color = patch.color === undefined ? undefined : parseColour(patch.color)
  if (name === undefined && color === undefined)
    throw invalid('nothing to change', 'give -name NEW or -color COLOUR')
  const id = await mutate(ctx, async ({ db }) => {
    const p = await projectFor(db, ctx, project, 'write')
    const label = await resolveLabel(db, p, ref)
    if (name !== undefined) await assertNameFree(db, p, name, label.id)
    const changes: Record<string, { old: string; new: string }> = {}
    if (name !== undefined && name !== label.name) changes.name = { old: label.name, new: name }
    if (color !== undefined && color !== label.color)
      changes.color = { old: label.color, new: color }
    if (Object.keys(changes).length === 0) return label.id
    await db
      .updateTable('labels')
      .set({ ...(name !== undefined ? { name } : {}), ...(color !== undefined ? { color } : {}) })
      .where('id', '=', label.id)
      .execute()
    await record(db, ctx, {
      event_type: 'label_updated',
      project_id: p.id,
      payload: { label: name ?? label.name, changes },
    })
    return label.id
  })
  return readLabel(ctx, id)
}

export async function listLabels(ctx: Ctx, project: string): Promise<Label[]> {
  return ctx.store.read(async (db) => {
    const p = await projectFor(db, ctx, project, 'read')
    const rows = await selectLabels(db)
      .where('l.project_id', '=', p.id)
      .orderBy('l.name')
      .orderBy('l.id')
      .execute()
    return rows.map(toLabel)
  })
}

async function detach(tx: Tx, t: { id: number; key: string; project_id: number }, label: LabelRow) {
  await tx.db
    .deleteFrom('ticket_labels')
    .where('ticket_id', '=', t.id)
    .where('label_id', '=', label.id)
    .execute()
  await tx.db
    .updateTable('tickets')
    .set({ updated_at: stamp(tx.ctx) })
    .where('id', '=', t.id)
    .execute()
  await record(tx.db, tx.ctx, {
    event_type: 'label_removed',
    project_id: t.project_id,
    ticket_id: t.id,
    ticket_key: t.key,
    payload: { label: label.name },
  })
  tx.touched.add(t.id)
}

export async function deleteLabel(
  ctx: Ctx,
  project: string,
  ref: string,
  options: { force?: boolean } = {},
): Promise<void> {
  await mutate(ctx, async (tx) => {
    const p = await projectFor(tx.db, ctx, project, 'write')
    const label = await resolveLabel(tx.db, p, ref)
    const carriers = await tx.db
      .selectFrom('ticket_labels as tl')
      .innerJoin('tickets as t', 't.id', 'tl.ticket_id')
      .select(['t.id', 't.key', 't.project_id'])
      .where('tl.label_id', '=', label.id)
      .orderBy('t.id')
      .execute()
    if (carriers.length > 0 && !options.force) {
      const shown = carriers.slice(0, 10).map((t) => t.key)
      const more =
        carriers.length > shown.length ? ` and ${carriers.length - shown.length} more` : ''
      throw conflict(
        `label "${label.name}" is on ${carriers.length} ticket(s): ${shown.join(', ')}${more}`,
        `remove it from them first, or pass -force to remove it everywhere and delete it`,
      )
    }
    for (const t of carriers) await detach(tx, t, label)
    await tx.db.deleteFrom('labels').where('id', '=', label.id).execute()
    await record(tx.db, ctx, {
      event_type: 'label_deleted',
      project_id: p.id,
      payload: { label: label.name, removed_from: carriers.map((t) => t.key) },
    })
  })
}

const projectOf = (t: TicketRow) => ({ id: t.project_id, prefix: t.project_prefix })

export async function addLabel(ctx: Ctx, ref: string, labelRef: string): Promise<Ticket> {
  const id = await mutate(ctx, async (tx) => {
    const t = await ticketFor(tx.db, ctx, ref, 'write')
    const label = await resolveLabel(tx.db, projectOf(t), labelRef)
    assertEditable(t)
    const r = await tx.db
      .insertInto('ticket_labels')
      .values({ ticket_id: t.id, label_id: label.id })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst()
    if (r.numInsertedOrUpdatedRows === 0n) return t.id
    await tx.db
      .updateTable('tickets')
      .set({ updated_at: stamp(ctx) })
      .where('id', '=', t.id)
      .execute()
    await record(tx.db, ctx, {
      event_type: 'label_added',
      project_id: t.project_id,
      ticket_id: t.id,
      ticket_key: t.key,
      payload: { label: label.name },
    })
    tx.touched.add(t.id)
    return t.id
  })
  return loadTicket(ctx, id)
}

export async function removeLabel(ctx: Ctx, ref: string, labelRef: string): Promise<Ticket> {
  const id = await mutate(ctx, async (tx) => {
    const t = await ticketFor(tx.db, ctx, ref, 'write')
    const label = await resolveLabel(tx.db, projectOf(t), labelRef)
    assertEditable(t)
    const on = await tx.db
      .selectFrom('ticket_labels')
      .select('ticket_id')
      .where('ticket_id', '=', t.id)
      .where('label_id', '=', label.id)
      .executeTakeFirst()
    if (!on)
      throw notFound(
        `ticket ${t.key} has no label "${label.name}"`,
        `see its labels with tk label show ${t.key}`,
      )
    await detach(tx, t, label)
    return t.id
  })
  return loadTicket(ctx, id)
}

export async function ticketLabels(ctx: Ctx, ref: string): Promise<Label[]> {
  return ctx.store.read(async (db) => {
    const t = await ticketFor(db, ctx, ref, 'read')
    const rows = await selectLabels(db)
      .innerJoin('ticket_labels as tl', 'tl.label_id', 'l.id')
      .where('tl.ticket_id', '=', t.id)
      .orderBy('l.name')
      .execute()
    return rows.map(toLabel)
  })
}
