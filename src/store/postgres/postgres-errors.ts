import { TicketError } from '../../domain/errors.ts'

type PgError = Error & { code?: string; errno?: string }

const sqlState = (e: unknown): string | undefined => {
  const code = e instanceof Error ? (e as PgError).code : undefined
  // SQLSTATE codes are five characters; node's own errors (ECONNREFUSED, …) are longer.
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined
}

/** Another transaction got in the way; running the same work again will succeed. */
export const isRetryable = (e: unknown): boolean => {
  const code = sqlState(e)
  return code === '40001' || code === '40P01' // serialization_failure, deadlock_detected
}

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE'])

/** Turns a driver failure into words a user can act on; anything else passes through. */
export function mapPostgresError(e: unknown): unknown {
  if (e instanceof TicketError || !(e instanceof Error)) return e
  const code = sqlState(e)
  if (code === undefined) {
    const errno = (e as PgError).code
    if (
      (errno && CONNECTION_ERRORS.has(errno)) ||
      /Connection terminated|connection timeout/i.test(e.message)
    )
      return new TicketError('unavailable', `cannot reach the database (${e.message})`, {
        hint: 'check that PostgreSQL is running and the database URL is right, then try again',
        cause: e,
      })
    return e
  }
  if (isRetryable(e))
    return new TicketError('unavailable', 'the database is busy', {
      hint: 'other changes to the same data are under way; try again',
      cause: e,
    })
  if (code.startsWith('23'))
    return new TicketError('conflict', `the change conflicts with existing data (${e.message})`, {
      cause: e,
    })
  if (code === '53100')
    return new TicketError('unavailable', 'the disk is full; nothing was changed', {
      hint: 'free some disk space on the database server and try again',
      cause: e,
    })
  if (code === '25006')
    return new TicketError('unavailable', 'the database is read-only; nothing was changed', {
      hint: 'point tk at the primary server, not a read replica',
      cause: e,
    })
  if (code.startsWith('08') || code.startsWith('57P') || code === '53300')
    return new TicketError('unavailable', `cannot reach the database (${e.message})`, {
      hint: 'check that PostgreSQL is running and accepts connections, then try again',
      cause: e,
    })
  if (code === '28P01' || code === '28000' || code === '3D000')
    return new TicketError('unavailable', `the database refused the connection (${e.message})`, {
      hint: 'check the user, password and database name in the database URL',
      cause: e,
    })
  return e
}
