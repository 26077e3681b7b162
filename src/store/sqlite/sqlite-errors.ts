import { TicketError } from '../../domain/errors.ts'

type SqliteError = Error & { code?: string; errcode?: number; errstr?: string }

const isSqliteError = (e: unknown): e is SqliteError =>
  e instanceof Error && (e as SqliteError).code === 'ERR_SQLITE_ERROR'

/** SQLite's extended result code of a driver failure, if it is one. */
export const sqliteCode = (e: unknown): number | undefined =>
  isSqliteError(e) ? e.errcode : undefined

const SQLITE_IOERR_SHMSIZE = 4874

/** No room to write: SQLITE_FULL, or the WAL's shared-memory file that could not grow. */
export function isDiskFull(e: unknown): boolean {
  const code = sqliteCode(e)
  return code !== undefined && ((code & 0xff) === 13 || code === SQLITE_IOERR_SHMSIZE)
}

/** Turns a driver failure into words a user can act on; anything else passes through. */
export function mapSqliteError(e: unknown): unknown {
  if (!isSqliteError(e) || e.errcode === undefined) return e
  const primary = isDiskFull(e) ? 13 : e.errcode & 0xff
  switch (primary) {
    case 5: // SQLITE_BUSY
    case 6: // SQLITE_LOCKED
      return new TicketError('unavailable', 'the database is busy', {
        hint: 'another process holds a long write lock; try again',
        cause: e,
      })
    case 8: // SQLITE_READONLY
      return new TicketError('unavailable', 'the database is read-only; nothing was changed', {
        hint: 'make the workspace writable (permissions of its directory and ticket.db, or a read-write mount)',
        cause: e,
      })
    case 13: // SQLITE_FULL
      return new TicketError('unavailable', 'the disk is full; nothing was changed', {
        hint: 'free some disk space and try again',
        cause: e,
      })
    case 19: // SQLITE_CONSTRAINT
      return new TicketError('conflict', `the change conflicts with existing data (${e.message})`, {
        cause: e,
      })
    case 11: // SQLITE_CORRUPT
    case 26: // SQLITE_NOTADB
      return new TicketError(
        'unavailable',
        'the database file is damaged or not a ticket database',
        {
          hint: 'run tk doctor, or restore a backup',
          cause: e,
        },
      )
    default:
      return e
  }
}
