/** @module Giving an agent's ticket back to the queue, with the reason in its history. */
import { afterLapse } from '../../domain/agent.ts'
import type { State } from '../../domain/lifecycle.ts'
import type { Db } from '../../store/store.ts'
import { selectTickets, type TicketRow } from '../../store/tickets.ts'
import type { Tx } from './context.ts'
import { releaseHoldInTx } from './hold.ts'
import { agentSettings } from './lease.ts'
import { moveTicket } from './lifecycle.ts'

/** The tickets `username` is working on now. */
export const activeTicketsOf = (db: Db, username: string) =>
  selectTickets(db).where('t.assignee', '=', username).where('t.state', '=', 'active').execute()

/**
 * Unassigns an active ticket and sets it `idle`; when the attempt counts (a lapsed lease), the
 * attempt counter goes up and the ticket stays `fail` once it reaches the limit.
 */
export async function requeueInTx(
  tx: Tx,
  t: TicketRow,
  why: { readonly reason: string; readonly countAttempt: boolean },
): Promise<State> {
  const attempts = t.attempts + (why.countAttempt ? 1 : 0)
  const state =
    t.state !== 'active'
      ? t.state
      : why.countAttempt
        ? afterLapse(attempts, agentSettings(tx.ctx).maxAttempts)
        : 'idle'
  // A ticket left leased but no longer active (an older version's strand) is only let go.
  if (t.state === 'active')
    await moveTicket(tx, t, [
      { from: { stage: t.stage, state: 'active' }, to: { stage: t.stage, state } },
    ])
  await releaseHoldInTx(tx, t, why.reason, { attempts, state })
  return state
}
