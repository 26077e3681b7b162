/** @module The server's agent, analyse and chat settings, read from the environment. */
import { type AgentSettings, DEFAULT_AGENT_SETTINGS } from '../domain/agent.ts'
import { TicketError } from '../domain/errors.ts'

function minutes(env: NodeJS.ProcessEnv, name: string, fallbackMs: number): number {
  const raw = env[name]?.trim()
  if (!raw) return fallbackMs
  const n = Number(raw)
  if (!Number.isFinite(n) || n <= 0)
    throw new TicketError('invalid', `${name} must be a number of minutes above 0, not "${raw}"`)
  return Math.round(n * 60_000)
}

/**
 * TICKET_AGENT_OFFLINE_MINUTES (10), TICKET_AGENT_LEASE_MINUTES (as offline),
 * TICKET_AGENT_MAX_ATTEMPTS (3), TICKET_ANALYSE_CMD and TICKET_CHAT_CMD (default `codex`, as
 * in the reference).
 */
export function agentOptionsFromEnv(env: NodeJS.ProcessEnv): {
  agents: AgentSettings
  analyseCommand: string
  chatCommand: string
} {
  const offlineAfterMs = minutes(
    env,
    'TICKET_AGENT_OFFLINE_MINUTES',
    DEFAULT_AGENT_SETTINGS.offlineAfterMs,
  )
  const leaseMs = minutes(env, 'TICKET_AGENT_LEASE_MINUTES', offlineAfterMs)
  const attempts = Number(
    env.TICKET_AGENT_MAX_ATTEMPTS?.trim() || DEFAULT_AGENT_SETTINGS.maxAttempts,
  )
  if (!Number.isInteger(attempts) || attempts < 1)
    throw new TicketError('invalid', 'TICKET_AGENT_MAX_ATTEMPTS must be a whole number ≥ 1')
  return {
    agents: {
      offlineAfterMs,
      leaseMs,
      maxAttempts: attempts,
      reapEveryMs: reapInterval(Math.min(offlineAfterMs, leaseMs)),
    },
    analyseCommand: env.TICKET_ANALYSE_CMD?.trim() || 'codex',
    chatCommand: env.TICKET_CHAT_CMD?.trim() || 'codex',
  }
}

/** Often enough to notice within a tenth of the timeout, never more than once a minute. */
export const reapInterval = (timeoutMs: number) =>
  Math.max(250, Math.min(DEFAULT_AGENT_SETTINGS.reapEveryMs, Math.round(timeoutMs / 10)))
