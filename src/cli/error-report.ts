/** @module How a failure reads: `error:`/`hint:` lines (or `{"error","hint"}`), and its exit code. */
import { TicketError } from '../domain/errors.ts'
import { terminalSafe } from '../domain/terminal-text.ts'
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
  // cli.md "Exit codes": what cannot be used as given (unknown command or flag, missing
  // argument, or a value the service calls invalid, HTTP 400) is a usage error, 2; a valid
  // request that fails or is refused is 1.
  const usage = e instanceof UsageError || (e instanceof TicketError && e.code === 'invalid')
  const known = e instanceof UsageError || e instanceof TicketError
  const message = known ? e.message : 'internal error'
  const hint = known
    ? e.hint
    : o.debug
      ? undefined
      : 'run again with TICKET_DEBUG=1 to see the details'
  // Messages may quote what others wrote (titles, names): shown, not obeyed, on a terminal.
  let text = o.json
    ? `${JSON.stringify(hint ? { error: message, hint } : { error: message })}\n`
    : `${paint(o.color, 'red', 'error:')} ${terminalSafe(message)}\n${hint ? `${paint(o.color, 'dim', 'hint:')} ${terminalSafe(hint)}\n` : ''}`
  if (!known && o.debug) text += `${(e as Error)?.stack ?? String(e)}\n`
  return { text, code: usage ? 2 : 1 }
}
