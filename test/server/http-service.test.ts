import { createServer } from 'node:net'
import { describe, expect, it, onTestFinished } from 'vitest'
import { HttpService } from '../../src/client/http-service.ts'
import { TicketError } from '../../src/domain/errors.ts'
import { signedIn, startTestServer } from '../support/server.ts'

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure')
    },
    (e: unknown) => e as TicketError,
  )

describe('HttpService', () => {
  it('names the URL and the cause when nothing listens there', async () => {
    const svc = new HttpService({ url: 'http://127.0.0.1:1/', timeoutMs: 2000 })
    const e = await failure(svc.listProjects())
    expect(e).toBeInstanceOf(TicketError)
    expect(e.code).toBe('unavailable')
    expect(e.message).toMatch(/^cannot reach http:\/\/127\.0\.0\.1:1: /)
  })

  it('gives up after its timeout when the server does not answer', async () => {
    const sockets = new Set<import('node:net').Socket>()
    const silent = createServer((socket) => sockets.add(socket))
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r))
    onTestFinished(() => {
      for (const s of sockets) s.destroy()
      silent.close()
    })
    const port = (silent.address() as { port: number }).port
    const svc = new HttpService({ url: `http://127.0.0.1:${port}`, timeoutMs: 300 })
    const e = await failure(svc.listProjects())
    expect(e.code).toBe('unavailable')
    expect(e.message).toBe(`http://127.0.0.1:${port} did not answer within 0.3 s`)
  })

  it('turns each status back into the error code the service threw, with its hint', async () => {
    const server = await startTestServer()
    onTestFinished(() => server.close())
    const svc = await signedIn(server)
    const notFound = await failure(svc.getTicket('TK-T-404'))
    expect([notFound.code, notFound.message]).toEqual(['not_found', 'ticket TK-T-404 not found'])
    expect(notFound.hint).toBeTruthy()
    expect((await failure(svc.createProject({ prefix: 'TK', title: 'x' }))).code).toBe('conflict')
    await svc.logout()
    expect((await failure(svc.listProjects())).code).toBe('unauthenticated')
  })
})
