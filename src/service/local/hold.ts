/** @module Who may move a ticket an agent holds (docs/decisions "agent holds and people's moves"). */
import { conflict, type TicketError } from '../../domain/errors.ts'
import type { Db } from '../../store/store.ts'
import { type TicketRow, updateTicketRow } from '../../store/tickets.ts'
import { at, record, type Tx } from './context.ts'
import { assignInTx } from './lifecycle.ts'

/**
 * The refusal an agent gets for a ticket it does not hold, saying why when history knows:
 * its lease lapsed, it was released, or a person moved it (the last `ticket_requeued`).
 */
export async function notHeld(db: Db, t: TicketRow, me: string): Promise<TicketError> {
  const last = await db
    .selectFrom('history')
    .select(['payload', 'created_at'])
    .where('ticket_id', '=', t.id)
    .where('event_type', '=', 'ticket_requeued')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  const payload = last ? (JSON.parse(last.payload) as { agent?: string; reason?: string }) : {}
  const why =
    payload.agent === me && payload.reason
      ? `it was taken from you at ${last?.created_at}: ${payload.reason}`
      : t.assignee
        ? `it is assigned to ${t.assignee}`
        : 'it is not assigned to you'
  return conflict(
    `ticket ${t.key} is not held by you (${why})`,
    `claim it again if it is still to do (tk claim ${t.key}), or take the next one (tk claim)`,
  )
}

/**
 * Before a lifecycle change: an agent changes only tickets it holds, so a former holder's late
 * `complete` after a requeue is refused; a person's change to a ticket an agent holds releases
 * the agent first (unassigned, lease gone, `ticket_requeued` naming the person), and the
 * agent's worker learns it from its next heartbeat and records the run as interrupted.
 */
export async function settleHoldInTx(tx: Tx, t: TicketRow): Promise<TicketRow> {
  const me = tx.ctx.actor
  if (me.user_type === 'agent') {
    if (t.assignee !== me.username) throw await notHeld(tx.db, t, me.username)
    return t
  }
  if (t.lease_expires_at === null || t.assignee === null || t.assignee === me.username) return t
  const agent = await tx.db
    .selectFrom('users')
    .select('display_name')
    .where('username', '=', t.assignee)
    .executeTakeFirst()
  const name = agent?.display_name || t.assignee
  await releaseHoldInTx(tx, t, `moved by ${me.username} while agent ${name} held it`)
  return { ...t, assignee: null, lease_expires_at: null }
}

/**
 * The agent lets go: no lease, no assignee, and a `ticket_requeued` event that says why. By
 * default without a state change or a counted attempt; a requeue passes what it leaves.
 */
export async function releaseHoldInTx(
  tx: Tx,
  t: TicketRow,
  reason: string,
  after: Pick<TicketRow, 'attempts' | 'state'> = t,
): Promise<void> {
  await updateTicketRow(tx.db, t.id, { attempts: after.attempts, lease_expires_at: null })
  await assignInTx(tx, t, null)
  await record(tx.db, tx.ctx, {
    ...at(t),
    event_type: 'ticket_requeued',
    payload: { agent: t.assignee, reason, attempts: after.attempts, state: after.state },
  })
}
