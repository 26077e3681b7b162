import { conflict, invalid, notFound } from '../../domain/errors.ts'
import { idList } from '../../store/id-list.ts'
import type { Db } from '../../store/store.ts'
import { blockersOf, selectTickets, type TicketRow, toTickets } from '../../store/tickets.ts'
import type { BlockedTicket, Dependencies } from '../ticket-service.ts'
import { projectFor, ticketFor } from './access.ts'
import { type Ctx, mutate, record, stamp } from './context.ts'
import { assertEditable } from './guards.ts'

async function dependenciesOf(db: Db, t: TicketRow): Promise<Dependencies> {
  const on = await selectTickets(db)
    .innerJoin('dependencies as d', 'd.depends_on_id', 't.id')
    .where('d.ticket_id', '=', t.id)
    .orderBy('t.id')
    .execute()
  const blocks = await selectTickets(db)
    .innerJoin('dependencies as d', 'd.ticket_id', 't.id')
    .where('d.depends_on_id', '=', t.id)
    .orderBy('t.id')
    .execute()
  return { depends_on: await toTickets(db, on), blocks: await toTickets(db, blocks) }
}

/** True when `from` already reaches `to` through dependencies (so to → from would be a cycle). */
async function reaches(db: Db, from: number, to: number): Promise<boolean> {
  const seen = new Set<number>([from])
  let frontier = [from]
  while (frontier.length > 0) {
    const rows = await db
      .selectFrom('dependencies')
      .select('depends_on_id')
      .where('ticket_id', 'in', idList(db, frontier))
      .execute()
    frontier = []
    for (const r of rows) {
      if (r.depends_on_id === to) return true
      if (!seen.has(r.depends_on_id)) {
        seen.add(r.depends_on_id)
        frontier.push(r.depends_on_id)
      }
    }
  }
  return false
}

export async function addDependency(
  ctx: Ctx,
  ref: string,
  dependsOn: string,
): Promise<Dependencies> {
  return mutate(ctx, async (tx) => {
    const t = await ticketFor(tx.db, ctx, ref, 'write')
    const d = await ticketFor(tx.db, ctx, dependsOn, 'read')
    assertEditable(t)
    if (t.id === d.id) throw invalid('a ticket cannot depend on itself')
    if (t.project_id !== d.project_id)
      throw invalid(
        `${d.key} is in another project`,
        'dependencies link tickets of the same project',
      )
    if (await reaches(tx.db, d.id, t.id))
      throw conflict(
        `${d.key} already depends on ${t.key}; this would make a cycle`,
        'remove the other dependency first',
      )
    const exists = await tx.db
      .selectFrom('dependencies')
      .select('ticket_id')
      .where('ticket_id', '=', t.id)
      .where('depends_on_id', '=', d.id)
      .executeTakeFirst()
    if (!exists) {
      await tx.db
        .insertInto('dependencies')
        .values({
          ticket_id: t.id,
          depends_on_id: d.id,
          created_by: ctx.actor.username,
          created_at: stamp(ctx),
        })
        .execute()
      await record(tx.db, ctx, {
        project_id: t.project_id,
        ticket_id: t.id,
        ticket_key: t.key,
        event_type: 'dependency_added',
        payload: { depends_on: d.key },
      })
      tx.touched.add(t.id)
    }
    return dependenciesOf(tx.db, t)
  })
}

export async function removeDependency(
  ctx: Ctx,
  ref: string,
  dependsOn: string,
): Promise<Dependencies> {
  return mutate(ctx, async (tx) => {
    const t = await ticketFor(tx.db, ctx, ref, 'write')
    const d = await ticketFor(tx.db, ctx, dependsOn, 'read')
    assertEditable(t)
    const r = await tx.db
      .deleteFrom('dependencies')
      .where('ticket_id', '=', t.id)
      .where('depends_on_id', '=', d.id)
      .executeTakeFirst()
    // The dependency is what was not found; the request itself was well formed.
    if (r.numDeletedRows === 0n)
      throw notFound(
        `${t.key} does not depend on ${d.key}`,
        `see its dependencies with tk dep list ${t.key}`,
      )
    await record(tx.db, ctx, {
      project_id: t.project_id,
      ticket_id: t.id,
      ticket_key: t.key,
      event_type: 'dependency_removed',
      payload: { depends_on: d.key },
    })
    tx.touched.add(t.id)
    return dependenciesOf(tx.db, t)
  })
}

export async function listDependencies(ctx: Ctx, ref: string): Promise<Dependencies> {
  return ctx.store.read(async (db) => dependenciesOf(db, await ticketFor(db, ctx, ref, 'read')))
}

export async function listBlocked(ctx: Ctx, project: string): Promise<BlockedTicket[]> {
  return ctx.store.read(async (db) => {
    const p = await projectFor(db, ctx, project, 'read')
    const rows = await selectTickets(db)
      .where('t.project_id', '=', p.id)
      .where('t.open', '=', 1)
      .where('t.archived', '=', 0)
      .where((eb) => eb.exists(blockersOf(db, eb.ref('t.id'))))
      .orderBy('t.id')
      .execute()
    return (await toTickets(db, rows)).map((ticket) => ({ ticket, blocked_by: ticket.blocked }))
  })
}
