import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HttpService } from '../../src/client/http-service.ts'
import type { RunningServer } from '../../src/server/start.ts'
import { websocketFeed } from '../../src/tui/data/websocket-feed.ts'
import { signedIn, startTestServer } from '../support/server.ts'
import { KEY, renderApp } from './render-app.tsx'

let server: RunningServer
let me: HttpService
let colleague: HttpService

beforeAll(async () => {
  server = await startTestServer()
  me = await signedIn(server)
  colleague = await signedIn(server)
})
afterAll(() => server?.close())

describe('remote mode', () => {
  it('hears of changes over /api/ws and reports them once per burst', async () => {
    const feed = websocketFeed({ url: server.url, token: me.token, settleMs: 50 })
    let changes = 0
    const stop = feed.subscribe(() => changes++)
    try {
      // Events flow once the server has acknowledged the subscription: change something
      // until the feed hears it, then count afresh.
      await expect
        .poll(
          async () => {
            if (changes === 0) await colleague.createTicket({ project: 'TK', title: 'probe' })
            return changes
          },
          { timeout: 10_000, interval: 1000 },
        )
        .toBeGreaterThan(0)
      changes = 0
      await colleague.createTicket({ project: 'TK', title: 'one' })
      await colleague.createTicket({ project: 'TK', title: 'two' })
      await expect.poll(() => changes, { timeout: 5000 }).toBe(1)
    } finally {
      stop()
    }
  })

  it('reloads once when it subscribes, for changes made before it was listening', async () => {
    // The first load and the subscription are two requests: a colleague's change between them
    // sends no event to this client, so the subscription itself must count as a change.
    const feed = websocketFeed({ url: server.url, token: me.token, settleMs: 50 })
    let changes = 0
    const stop = feed.subscribe(() => changes++)
    try {
      await expect.poll(() => changes, { timeout: 10_000 }).toBe(1)
    } finally {
      stop()
    }
  })

  it('updates the list live when someone else changes a ticket', async () => {
    const ui = await renderApp({
      service: me,
      feed: websocketFeed({ url: server.url, token: me.token, settleMs: 50 }),
      initial: { view: 'list', filters: { list: 'live' } },
    })
    await ui.waitFor('List · 0 tickets')
    const t = await colleague.createTicket({ project: 'TK', title: 'live one' })
    await ui.waitFor(`${t.key}`)
    await colleague.setState(t.key, 'active')
    await ui.waitFor(/◑ ▪ TK-T-\d+ +design\/active/)
    // And the UI's own changes go through HttpService like any other client's.
    await ui.press('c')
    await ui.waitFor('develop/idle')
    expect((await colleague.getTicket(t.key)).status).toBe('develop/idle')
    await ui.press(KEY.enter)
    await ui.waitFor('Comments and history')
  })
})
