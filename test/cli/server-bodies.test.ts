import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { caller } from '../support/http.ts'
import { type ServerProcess, spawnServer } from '../support/server-process.ts'

// quality.md "Security": no request body is read before the caller is known. A body is streamed
// from a buffer of 1 MB reused, so the test itself holds no more than that.
const MB = 1024 * 1024
const CHUNK = Buffer.alloc(MB, 0x20)

/** The answer, and how many MB had gone out when it came. */
type Sent = { status: number; body: string; sentMbAtAnswer: number }

/** Sends up to `mb` MB to `path` over a raw socket until the server answers and hangs up. */
function upload(
  server: ServerProcess,
  path: string,
  mb: number,
  headers: Record<string, string> = {},
  chunked = false,
): Promise<Sent> {
  const { hostname, port } = new URL(server.url)
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname)
    let sent = 0
    let answer = ''
    let sentAtAnswer = -1
    const lines = Object.entries({ 'content-type': 'application/json', ...headers })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('')
    const length = chunked ? 'transfer-encoding: chunked' : `content-length: ${mb * MB}`
    socket.write(`POST ${path} HTTP/1.1\r\nhost: ${hostname}\r\n${lines}${length}\r\n\r\n`)
    const pump = () => {
      while (sent < mb && !socket.destroyed) {
        sent++
        const ok = chunked
          ? socket.write(`${CHUNK.length.toString(16)}\r\n`) &&
            socket.write(CHUNK) &&
            socket.write('\r\n')
          : socket.write(CHUNK)
        if (!ok) return void socket.once('drain', pump)
      }
      if (chunked && !socket.destroyed) socket.write('0\r\n\r\n')
    }
    socket.on('data', (d) => {
      if (sentAtAnswer < 0) sentAtAnswer = sent
      answer += d.toString()
    })
    socket.on('error', () => {})
    socket.on('close', () => {
      const [head = '', body = ''] = answer.split('\r\n\r\n')
      resolve({ status: Number(head.split(' ')[1]), body, sentMbAtAnswer: sentAtAnswer })
    })
    pump()
  })
}

/** Runs `send` and returns how far the server's peak memory rose meanwhile, in MB. */
async function peakGrowthMb(server: ServerProcess, send: () => Promise<unknown>): Promise<number> {
  const before = server.peakRssKb()
  await send()
  return (server.peakRssKb() - before) / 1024
}

describe('bodies from callers not yet known', () => {
  it('refuses an anonymous 128 MB import from its headers, and the server stays small', async () => {
    const server = await spawnServer()
    // Warm the paths involved so their one-off costs fall before the measurement.
    await upload(server, '/api/import', 1)
    await upload(server, '/api/import', 1, {}, true)

    let declared: Sent | undefined
    const growth = await peakGrowthMb(server, async () => {
      declared = await upload(server, '/api/import', 128)
    })
    expect(declared).toMatchObject({ status: 401, body: expect.stringContaining('sign in first') })
    // Answered from the headers: long before the body could have been read.
    expect(declared!.sentMbAtAnswer).toBeLessThan(64)
    expect(growth).toBeLessThan(8)

    let streamed: Sent | undefined
    const streamedGrowth = await peakGrowthMb(server, async () => {
      streamed = await upload(server, '/api/import', 128, {}, true)
    })
    expect(streamed?.status).toBe(401)
    expect(streamed!.sentMbAtAnswer).toBeLessThan(64)
    expect(streamedGrowth).toBeLessThan(8)
    expect((await fetch(`${server.url}/api/healthz`)).status).toBe(200)
  })

  it('reads an import only from an admin, and only up to 64 MB', async () => {
    const server = await spawnServer()
    const admin = caller(server.url)
    const login = await admin('POST', '/api/login', {
      username: 'admin',
      password: server.adminPassword,
    })
    const token = (login.body as { token: string }).token
    await caller(server.url, token)('POST', '/api/users', {
      username: 'ursula',
      password: 'ursula-password',
    })
    const user = await admin('POST', '/api/login', {
      username: 'ursula',
      password: 'ursula-password',
    })
    const userToken = (user.body as { token: string }).token

    let refused: Sent | undefined
    const growth = await peakGrowthMb(server, async () => {
      refused = await upload(server, '/api/import', 60, { authorization: `Bearer ${userToken}` })
    })
    expect(refused).toMatchObject({
      status: 403,
      body: expect.stringContaining('only an admin may import a snapshot'),
    })
    expect(growth).toBeLessThan(8)

    const tooBig = await upload(server, '/api/import', 65, { authorization: `Bearer ${token}` })
    expect(tooBig).toMatchObject({
      status: 413,
      body: expect.stringContaining('the limit is 64 MB'),
    })
    // Every other route keeps the 1 MB limit, for admins too.
    const other = await upload(server, '/api/tickets', 2, { authorization: `Bearer ${token}` })
    expect(other).toMatchObject({ status: 413, body: expect.stringContaining('the limit is 1 MB') })
  })
})
