/**
 * @module Whether the first reads may predate the live subscription: every answer carries the
 * server's change cursor (`X-Change-Cursor`), the subscription's greeting carries its own, and
 * the app reads again only when a read's is lower (src/server/change-cursor.ts). A page whose
 * data is current when the subscription starts sends no request twice.
 */
import { mayHaveMissed } from '../../../src/client/live-events.ts'

/** Cursors of answers to requests sent before the first subscription. */
const early = new Set<string>()
let subscribed: string | undefined
let readAgain: () => void = () => {}
let pending = false

function missed() {
  if (pending) return
  pending = true
  // Late answers arriving together read again once.
  setTimeout(() => {
    pending = false
    readAgain()
  })
}

/** `fetch` for the app's HttpService: notes each answer's cursor. */
export const cursorFetch: typeof fetch = async (input, init) => {
  const sentEarly = subscribed === undefined
  const res = await fetch(input, init)
  // A refusal holds no data that could be stale.
  const cursor = res.ok ? res.headers.get('x-change-cursor') : null
  if (cursor && sentEarly) {
    if (subscribed === undefined) early.add(cursor)
    // Sent before the subscription, answered after it: checked on arrival.
    else if (mayHaveMissed(cursor, subscribed)) missed()
  }
  return res
}

/** What to do when a read may lack a change: refetch what is shown. */
export function onMissedChange(fn: () => void): void {
  readAgain = fn
}

/** Signed out: the next sign-in's subscription is a first one again. */
export function subscriptionEnded(): void {
  subscribed = undefined
  early.clear()
}

/** The first subscription's greeting; later ones (reconnects) read everything again anyway. */
export function subscriptionStarted(cursor: string): void {
  if (subscribed !== undefined) return
  subscribed = cursor
  if ([...early].some((read) => mayHaveMissed(read, cursor))) missed()
  early.clear()
}
