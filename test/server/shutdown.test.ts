import { connect } from 'node:net'
import { describe, expect, it, onTestFinished } from 'vitest'
import { HttpService } from '../../src/client/http-service.ts'
import { TEST_DIALECTS } from '../support/dialects.ts'
import { spawnServer } from '../support/server-process.ts'
import { createTestDatabase } from '../support/store.ts'

async function serverOf(dialect: string) {
  if (dialect === 'sqlite') return spawnServer(['-v'])
  const database = await createTestDatabase()
  onTestFinished(() => database.drop())
  return spawnServer(['-v', '-db', database.url])
}

for (const dialect of TEST_DIALECTS) {
  describe(`${dialect}: graceful shutdown`, () => {
    it('on SIGTERM finishes the request in flight, closes WebSockets with a reconnect hint, then exits 0', async () => {
      const server = await serverOf(dialect)
      const admin = new HttpService({ url: server.url })
      await admin.login('admin', server.adminPassword)
      await admin.createProject({ prefix: 'SD', title: 'Shutdown' })

      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/ws?token=${admin.token}`)
      const closed = new Promise<{ code: number; reason: string }>((resolve) =>
        ws.addEventListener('close', (e) => resolve({ code: e.code, reason: e.reason })),
      )
      await new Promise((resolve) => ws.addEventListener('open', resolve))

      // A create whose body is still on its way when the signal comes.
      const { port } = new URL(server.url)
      const socket = connect(Number(port), '127.0.0.1')
      let answer = ''
      socket.on('data', (d: Buffer) => {
        answer += d.toString()
      })
      const body = JSON.stringify({ project: 'SD', title: 'in flight' })
      socket.write(
        `POST /api/tickets HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${admin.token}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
      )
      // The server has the request once it logs it (-v).
      await expect
        .poll(() => /"url":"\/api\/tickets".*"msg":"incoming request"/.test(server.stderr()))
        .toBe(true)
      const exited = new Promise<number | null>((resolve) => server.child.on('exit', resolve))
      server.child.kill('SIGTERM')

      expect(await closed).toEqual({ code: 1012, reason: 'server restarting; reconnect' })
      // Stopped accepting: a new connection is refused while the old request is still open.
      await expect(fetch(`${server.url}/api/healthz`)).rejects.toThrow()
      socket.write(body.slice(10))
      await expect.poll(() => answer).toMatch(/\r\n\r\n\{.*\}$/s)
      expect(answer).toMatch(/^HTTP\/1\.1 201 /)
      expect(answer).toContain('"key":"SD-T-1"')
      // …and takes its connection with it, so no keep-alive client holds the process open.
      expect(answer).toMatch(/\r\nconnection: close\r\n/i)
      expect(await exited).toBe(0)
      expect(server.stdout()).toContain('SIGTERM: finishing requests and closing the database')
    }, 30_000)
  })
}
