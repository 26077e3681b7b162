/** @module A bound on failed HTTP Basic sign-ins per client address. */
import { TicketError } from '../domain/errors.ts'

const WINDOW_MS = 60_000
// Past this many addresses the oldest records are dropped; the bound keeps memory flat.
const MAX_ADDRESSES = 10_000

/**
 * Each Basic check costs an Argon2id hash, and Basic auth is accepted on every route, so
 * wrong guesses are counted per address like logins are (api.md: 10 a minute), and refused
 * with 429 beyond that before any hashing is done.
 */
export class FailedSignIns {
  readonly #limit: number
  readonly #failures = new Map<string, number[]>()

  constructor(limitPerMinute: number) {
    this.#limit = limitPerMinute
  }

  #recent(address: string, now: number): number[] {
    const recent = (this.#failures.get(address) ?? []).filter((t) => now - t < WINDOW_MS)
    if (recent.length === 0) this.#failures.delete(address)
    else this.#failures.set(address, recent)
    return recent
  }

  /** Throws 429 when `address` has used up its failures for the minute. */
  check(address: string, now = Date.now()): void {
    const recent = this.#recent(address, now)
    if (recent.length >= this.#limit)
      throw new TicketError('rate_limited', 'too many failed sign-ins', {
        hint: `wait ${Math.ceil((WINDOW_MS - (now - recent[0]!)) / 1000)} s, then check AGENT_ID and AGENT_PASSWORD`,
      })
  }

  record(address: string, now = Date.now()): void {
    if (this.#failures.size >= MAX_ADDRESSES && !this.#failures.has(address)) {
      const oldest = this.#failures.keys().next().value
      if (oldest !== undefined) this.#failures.delete(oldest)
    }
    this.#failures.set(address, [...this.#recent(address, now), now])
  }
}
