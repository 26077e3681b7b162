/** @module How a failure reads: `error:`/`hint:` lines (or `{"error","hint"}`), and its exit code. */
import { TicketError } from '../domain/errors.ts'
import { paint } from './output.ts'
import { UsageError } from './usage-error.ts'

export type ErrorReport = { readonly text: string; readonly code: number }

/**
 * The text the CLI prints on stderr for `e`, shared with `tk mcp`, whose tool errors carry the
 * same words. Anything but a usage or service error is an internal error, with its stack only
 * under TICKET_DEBUG.
 */
export function renderError(
  e: unknown,
  o: { readonly json: boolean; readonly color: boolean; readonly debug: boolean },
): ErrorReport {
  const usage = e instanceof UsageError
  const known = usage || e instanceof TicketError
  const message = known ? e.message : 'internal error'
  const hint = known
    ? e.hint
    : o.debug
      ? undefined
      : 'run again with TICKET_DEBUG=1 to see the details'
  let text = o.json
    ? `${JSON.stringify(hint ? { error: message, hint } : { error: message })}\n`
    : `${paint(o.color, 'red', 'error:')} ${message}\n${hint ? `${paint(o.color, 'dim', 'hint:')} ${hint}\n` : ''}`
  if (!known && o.debug) text += `${(e as Error)?.stack ?? String(e)}\n`
  return { text, code: usage ? 2 : 1 }
}
