import type { ErrorCode } from './errors.ts'

/** One HTTP status per error code: the server answers with it, `HttpService` reads it back. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
}

const BY_STATUS = new Map<number, ErrorCode>(
  Object.entries(HTTP_STATUS).map(([code, status]) => [status, code as ErrorCode]),
)

/** The code for a status; other client errors are `invalid`, server failures `unavailable`. */
export function errorCodeOf(status: number): ErrorCode {
  return BY_STATUS.get(status) ?? (status >= 500 ? 'unavailable' : 'invalid')
}
