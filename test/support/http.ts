/** Raw HTTP against a running server, for tests of status codes, headers and bodies. */
export type Reply = { status: number; body: unknown; headers: Headers; text: string }

export type Caller = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<Reply>

export function caller(base: string, token?: string): Caller {
  return async (method, path, body, headers = {}) => {
    const h: Record<string, string> = { ...headers }
    if (token) h.authorization = `Bearer ${token}`
    let payload: string | undefined
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body)
      h['content-type'] ??= 'application/json'
    }
    const res = await fetch(`${base}${path}`, {
      method,
      headers: h,
      ...(payload !== undefined ? { body: payload } : {}),
    })
    const text = await res.text()
    let parsed: unknown = text
    try {
      parsed = text === '' ? undefined : JSON.parse(text)
    } catch {}
    return { status: res.status, body: parsed, headers: res.headers, text }
  }
}
