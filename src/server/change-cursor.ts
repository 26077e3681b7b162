/**
 * @module Tells a new live subscription whether the caller's first reads may have missed a
 * change: a change made after a read but before the subscription sends no event to it.
 *
 * Two counters per process: writes begun and writes finished. A read reports how many had
 * finished when it began (`X-Change-Cursor`); the subscription's greeting reports how many had
 * begun (`connected.cursor`). A read that missed a change began before that change finished,
 * and the change, having sent no event to the subscription, began before it: so the read's
 * number is below the greeting's. With nothing written in between the two are equal, and the
 * client need not read again. A change heard from another server counts as begun and finished
 * at once. Numbers from different processes are not comparable; the process's tag says which.
 */
import { randomUUID } from 'node:crypto'

export class ChangeCursor {
  readonly #process = randomUUID().slice(0, 8)
  #begun = 0
  #finished = 0

  begin(): void {
    this.#begun++
  }
  finish(): void {
    this.#finished++
  }
  /** A change known only by its event (another server's, or the reaper's). */
  instant(): void {
    this.#begun++
    this.#finished++
  }
  /** What a read starting now reflects at least. */
  get read(): string {
    return `${this.#process}.${this.#finished}`
  }
  /** What a subscription starting now may have had no event for. */
  get subscribed(): string {
    return `${this.#process}.${this.#begun}`
  }
}
