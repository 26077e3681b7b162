/** @module The failure of a long read past its time bound, the same for every dialect. */
import { TicketError } from '../domain/errors.ts'

/** `unavailable` (HTTP 503): the read took longer than its bound and was stopped. */
export const readTimedOut = (timeoutMs: number) =>
  new TicketError(
    'unavailable',
    `the read took longer than ${timeoutMs / 1000} s and was stopped`,
    {
      hint: 'narrow it (a project, a filter, rarer words or fewer results), or try again when the server is less busy',
    },
  )
