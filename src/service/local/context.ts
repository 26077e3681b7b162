import type { AgentSettings, AskLlm } from '../../domain/agent.ts'
import { notFound } from '../../domain/errors.ts'
import type { EventSink } from '../../domain/events.ts'
import type { HistoryChange } from '../../domain/history.ts'
import type { Ticket } from '../../domain/ticket.ts'
import type { User } from '../../domain/user.ts'
import { insertHistory } from '../../store/history-rows.ts'
import { idList } from '../../store/id-list.ts'
import type { Db, Store, WriteMode } from '../../store/store.ts'
import { findTicketRowById, selectTickets, toTickets } from '../../store/tickets.ts'
import { leaseFor } from './lease.ts'

/** What every local operation needs: the store, who acts, the clock, and where events go. */
export type Ctx = {
  readonly store: Store
  readonly actor: User
  readonly now: () => Date
  /** Where change events go; absent when nobody listens (the CLI). */
  readonly emit?: EventSink
  /** Lease and reaper timings; the defaults when absent. */
  readonly agents?: AgentSettings
  /** The LLM `analyse` asks; absent where none is configured. */
  readonly llm?: AskLlm
}

export const stamp = (ctx: Ctx) => ctx.now().toISOString()

/** Where a history event belongs: its project, and its ticket when it is about one. */
type HistoryPlace = {
  readonly project_id: number | null
  readonly ticket_id?: number | null
  readonly ticket_key?: string | null
}

/** The place of an event about ticket `t`. */
export const at = (t: {
  readonly project_id: number
  readonly id: number
  readonly key: string
}): HistoryPlace => ({ project_id: t.project_id, ticket_id: t.id, ticket_key: t.key })

/** Appends one history event (domain.md: history is append-only, with actor and time). */
export async function record(db: Db, ctx: Ctx, e: HistoryPlace & HistoryChange): Promise<void> {
  await insertHistory(
    db,
    e.project_id,
    e.ticket_id ?? null,
    e.ticket_key ?? null,
    e.event_type,
    ctx.actor.username,
    // As the column's default did before the insert was prepared (decision 0040).
    JSON.stringify(e.payload ?? {}),
    stamp(ctx),
  )
}

export async function requireUser(db: Db, username: string) {
  const u = await db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst()
  if (!u) throw notFound(`user "${username}" not found`, 'list users with tk user list')
  return u
}

/** A write in progress: the transaction and the tickets it touched, for events afterwards. */
export type Tx = {
  readonly db: Db
  readonly ctx: Ctx
  readonly touched: Set<number>
  readonly created: Set<number>
  /**
   * Tickets the write knows in full as the wire shows them (a plain create's row as inserted):
   * their events are sent as they are, without reading them again.
   */
  readonly known: Map<number, Ticket>
}

export type MutateOptions = {
  /** How the transaction is kept safe from other writers (`Store.transaction`). */
  readonly mode?: WriteMode
  /** Filled with the tickets the events carried, so the caller need not read them again. */
  readonly published?: Map<number, Ticket>
}

/**
 * Runs `fn` as one transaction, then publishes one event per ticket it created or changed
 * (every write that touches more than one row is one transaction: STYLE.md "Code").
 */
export async function mutate<T>(
  ctx: Ctx,
  fn: (tx: Tx) => Promise<T>,
  options: MutateOptions = {},
): Promise<T> {
  const touched = new Set<number>()
  const created = new Set<number>()
  const known = new Map<number, Ticket>()
  const result = await ctx.store.transaction(async (db) => {
    known.clear()
    const out = await fn({ db, ctx, touched, created, known })
    await renewLeases(db, ctx)
    return out
  }, options.mode)
  if (ctx.emit && touched.size + created.size > 0)
    await publish(ctx, { created, touched, known }, options.published)
  // Without listeners nothing is read for events; what the write already knows is still handed
  // back, so the caller need not read it again (a plain create's reply, decision 0049).
  else if (options.published) for (const [id, ticket] of known) options.published.set(id, ticket)
  return result
}

/**
 * Any write by an agent shows it is alive: the leases on the tickets it holds move out, as a
 * heartbeat would, so an agent driven from a shell keeps its ticket while it works.
 */
async function renewLeases(db: Db, ctx: Ctx) {
  if (ctx.actor.user_type !== 'agent') return
  const lease = leaseFor(ctx)
  await db
    .updateTable('tickets')
    .set({ lease_expires_at: lease })
    .where('assignee', '=', ctx.actor.username)
    .where('state', '=', 'active')
    .where('lease_expires_at', 'is not', null)
    .execute()
}

async function publish(
  ctx: Ctx,
  { created, touched, known }: Pick<Tx, 'created' | 'touched' | 'known'>,
  published?: Map<number, Ticket>,
) {
  const ids = [...new Set([...created, ...touched])]
  const unknown = ids.filter((id) => !known.has(id))
  const read =
    unknown.length === 0
      ? []
      : await ctx.store.read(async (db) => {
          // Most writes change one ticket: its row by a prepared read, not a query built each time.
          const one = unknown.length === 1 ? await findTicketRowById(db, unknown[0]!) : undefined
          const rows = one
            ? [one]
            : await selectTickets(db).where('t.id', 'in', idList(db, unknown)).execute()
          const tickets = await toTickets(db, rows)
          return rows.map((r, i) => [r.id, tickets[i]!] as const)
        })
  const tickets = new Map([...known, ...read])
  const at = stamp(ctx)
  for (const id of ids) {
    const ticket = tickets.get(id)
    if (!ticket) continue
    published?.set(id, ticket)
    ctx.emit?.({
      type: created.has(id) ? 'ticket.created' : 'ticket.updated',
      project: ticket.project_prefix,
      key: ticket.key,
      ticket,
      actor: ctx.actor.username,
      at,
    })
  }
}
