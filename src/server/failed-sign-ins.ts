/**
 * @module The one budget of sign-in attempts per client address (api.md: 10 a minute), shared
 * by logins, registrations and failed HTTP Basic sign-ins, and counted in the database so that
 * every server of one database spends the same budget.
 */
import { TicketError } from '../domain/errors.ts'
import type { ServiceHost } from '../service/service-host.ts'

export const SIGN_IN_WINDOW_MS = 60_000
/** The scope of the budget's keys in the `rate_limits` table (shared-rate-limit.ts). */
export const SIGN_IN_SCOPE = 'sign-in'

export const signInKey = (address: string) => `${SIGN_IN_SCOPE}:${address}`

/**
 * Each Basic check of a new password costs an Argon2id hash, and Basic auth is accepted on
 * every route, so wrong guesses count against the address's sign-in budget, and a guess
 * beyond it is refused with 429 before any hashing is done.
 */
export class FailedSignIns {
  readonly #host: ServiceHost
  readonly #limit: number

  constructor(host: ServiceHost, limitPerMinute: number) {
    this.#host = host
    this.#limit = limitPerMinute
  }

  /** Throws 429 when `address` has used up its budget for the window. */
  async check(address: string): Promise<void> {
    const now = Date.now()
    const { hits, windowStart } = await this.#host.hitsSoFar(signInKey(address), SIGN_IN_WINDOW_MS)
    if (hits >= this.#limit)
      throw new TicketError('rate_limited', 'too many failed sign-ins', {
        hint: `wait ${Math.max(1, Math.ceil((windowStart + SIGN_IN_WINDOW_MS - now) / 1000))} s, then check AGENT_ID and AGENT_PASSWORD`,
      })
  }

  async record(address: string): Promise<void> {
    await this.#host.countHit(signInKey(address), SIGN_IN_WINDOW_MS)
  }
}
