/**
 * Stable failure codes shared by every interface; each maps to one HTTP status, and to exit
 * code 2 (`invalid`: the input was malformed, a usage error) or 1 (every other failure).
 */
export const ERROR_CODES = [
  'invalid',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'too_large',
  'rate_limited',
  'unavailable',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

/** A failure the user can act on: `message` says what went wrong, `hint` what to do next. */
export class TicketError extends Error {
  readonly code: ErrorCode
  readonly hint: string | undefined
  constructor(code: ErrorCode, message: string, options?: { hint?: string; cause?: unknown }) {
    super(message, { cause: options?.cause })
    this.name = 'TicketError'
    this.code = code
    this.hint = options?.hint
  }
}

export const invalid = (message: string, hint?: string) =>
  new TicketError('invalid', message, hint === undefined ? undefined : { hint })
export const notFound = (message: string, hint?: string) =>
  new TicketError('not_found', message, hint === undefined ? undefined : { hint })
export const conflict = (message: string, hint?: string) =>
  new TicketError('conflict', message, hint === undefined ? undefined : { hint })
export const forbidden = (message: string, hint?: string) =>
  new TicketError('forbidden', message, hint === undefined ? undefined : { hint })

/**
 * What `p` resolves to, or undefined when it fails because the thing is absent (not found).
 * Every other failure (unreachable, forbidden, invalid) still fails: only absence is an answer.
 */
export const unlessNotFound = <T>(p: Promise<T>): Promise<T | undefined> =>
  p.catch((e: unknown) => {
    if (e instanceof TicketError && e.code === 'not_found') return undefined
    throw e
  })
