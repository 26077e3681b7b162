/** @module The server's agent, analyse, chat and long-read settings, read from the environment. */
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

/** The store's ReadPoolOptions: worker threads, and the bound of each long read in ms. */
type LongReads = { readonly workers: number; readonly timeoutMs: number }

/**
 * Two workers leave the event loop a core on a two-core machine while searches run; ten
 * seconds is far beyond any indexed read, and past a search ranking a million matches.
 */
export const DEFAULT_READ_POOL: LongReads = { workers: 2, timeoutMs: 10_000 }

/** TICKET_READ_WORKERS (2) and TICKET_READ_TIMEOUT_SECONDS (10): decision 0028. */
export function readPoolFromEnv(env: NodeJS.ProcessEnv): LongReads {
  const workers = Number(env.TICKET_READ_WORKERS?.trim() || DEFAULT_READ_POOL.workers)
  if (!Number.isInteger(workers) || workers < 1 || workers > 64)
    throw new TicketError('invalid', 'TICKET_READ_WORKERS must be a whole number from 1 to 64')
  const raw = env.TICKET_READ_TIMEOUT_SECONDS?.trim()
  const seconds = raw ? Number(raw) : DEFAULT_READ_POOL.timeoutMs / 1000
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new TicketError(
      'invalid',
      `TICKET_READ_TIMEOUT_SECONDS must be a number of seconds above 0, not "${raw}"`,
    )
  return { workers, timeoutMs: Math.round(seconds * 1000) }
}
