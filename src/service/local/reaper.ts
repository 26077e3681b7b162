/** @module The reaper: agents that stopped sending heartbeats, and the leases they let lapse. */
import type { User } from '../../domain/user.ts'
import { selectTickets } from '../../store/tickets.ts'
import { type Ctx, mutate } from './context.ts'
import { agentSettings } from './lease.ts'
import { requeueInTx } from './requeue.ts'

/** Who history names for what the reaper does. */
export const SYSTEM_ACTOR: User = {
  id: 'system',
  username: 'system',
  display_name: 'system',
  description: '',
  email: '',
  role: 'admin',
  enabled: true,
  user_type: 'user',
  status: '',
  last_seen: null,
  created_at: '1970-01-01T00:00:00.000Z',
}

export type ReapResult = {
  /** Agents just marked `offline`. */
  readonly offline: readonly string[]
  /** Tickets whose lease lapsed, and where each went (`idle` again, or `fail`). */
  readonly requeued: readonly { readonly key: string; readonly state: string }[]
}

/**
 * api.md "Agents": an agent without a heartbeat for `offlineAfterMs` is `offline`; a ticket
 * whose lease lapsed goes back to the queue (or stays `fail` after too many attempts), and
 * history says why. Nothing is released silently.
 */
export async function reap(ctx: Ctx): Promise<ReapResult> {
  const settings = agentSettings(ctx)
  const now = ctx.now()
  const silentSince = new Date(now.getTime() - settings.offlineAfterMs).toISOString()
  return mutate(ctx, async (tx) => {
    const gone = await tx.db
      .updateTable('users')
      .set({ status: 'offline' })
      .where('user_type', '=', 'agent')
      .where('enabled', '=', 1)
      .where('status', 'not in', ['offline', 'disabled'])
      .where('last_seen', 'is not', null)
      .where('last_seen', '<', silentSince)
      .returning('username')
      .execute()
    const lapsed = await selectTickets(tx.db)
      .innerJoin('users as u', 'u.username', 't.assignee')
      .where('u.user_type', '=', 'agent')
      // Every leased ticket, whatever its state (walks the lease index, not the states).
      .where('t.lease_expires_at', 'is not', null)
      .where('t.lease_expires_at', '<', now.toISOString())
      .execute()
    const requeued = []
    for (const t of lapsed) {
      const state = await requeueInTx(tx, t, {
        reason: `lease lapsed at ${t.lease_expires_at}: no heartbeat from agent ${t.assignee_display || t.assignee}`,
        countAttempt: true,
      })
      requeued.push({ key: t.key, state })
    }
    return { offline: gone.map((g) => g.username), requeued }
  })
}

export const reaperCtx = (ctx: Omit<Ctx, 'actor'>): Ctx => ({ ...ctx, actor: SYSTEM_ACTOR })
