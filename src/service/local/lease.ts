import { DEFAULT_AGENT_SETTINGS } from '../../domain/agent.ts'
import type { Ctx } from './context.ts'

export const agentSettings = (ctx: Ctx) => ctx.agents ?? DEFAULT_AGENT_SETTINGS

/** When a claim made now by the acting user lapses: agents only; people hold claims freely. */
export function leaseFor(ctx: Ctx): string | null {
  if (ctx.actor.user_type !== 'agent') return null
  return new Date(ctx.now().getTime() + agentSettings(ctx).leaseMs).toISOString()
}
