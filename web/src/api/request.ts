/** @module Plain JSON calls for the few admin routes that TicketService does not cover. */

export class ApiError extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.name = 'ApiError'
    this.status = status
  }
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  })
  const text = await res.text()
  const data: unknown = text === '' ? null : JSON.parse(text)
  if (!res.ok) {
    const message =
      data && typeof data === 'object' && 'error' in data ? String(data.error) : res.statusText
    throw new ApiError(res.status, message)
  }
  return data as T
}

/** Whether the server has a route at all (a 404 from an unknown /api path is JSON). */
export const isMissingRoute = (err: unknown) =>
  err instanceof ApiError && err.status === 404 && /route|not found/i.test(err.message)
