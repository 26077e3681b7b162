/**
 * A change made after the web app's first reads but before its live subscription starts sends
 * that subscription no event. The page's WebSocket is held in the browser (Playwright routes
 * it, and connects it to the real server only when the test says) so the change falls in that
 * window every time.
 */
import type { Page, WebSocketRoute } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { webHarness } from './support/harness.ts'
import { ADMIN_PASSWORD } from './support/web-server.ts'

const harness = webHarness(async (admin) => {
  await admin.createProject({ prefix: 'LIV', title: 'Live window' })
  await admin.createTicket({ project: 'LIV', title: 'Loaded first' })
})

const card = (page: Page, key: string) => page.locator(`li.card[data-key="${key}"]`)

/** Holds the page's live socket until `release()`; records what the server sends over it. */
async function holdLiveSocket(page: Page) {
  let release = () => {}
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  const received: string[] = []
  await page.routeWebSocket(/\/api\/ws$/, async (ws: WebSocketRoute) => {
    await released
    const server = ws.connectToServer()
    server.onMessage((m) => {
      received.push(JSON.parse(String(m)).type)
      ws.send(m)
    })
    // The page subscribed when its socket opened, before the server was there to hear it.
    server.send(JSON.stringify({ subscribe: [] }))
  })
  return { release, received }
}

describe('the live subscription after the first load', () => {
  it('shows a change made between the first load and the subscription, with no event for it', async () => {
    const { page, context } = await harness.as('admin')
    const socket = await holdLiveSocket(page)
    await page.goto('/p/LIV/board')
    await page.getByRole('heading', { name: 'LIV board' }).waitFor()
    await card(page, 'LIV-T-1').waitFor()

    const made = await harness.admin.createTicket({ project: 'LIV', title: 'Made in the window' })
    await harness.admin.updateTicket('LIV-T-1', { title: 'Renamed in the window' })
    socket.release()
    await card(page, made.key).waitFor()
    await expect.poll(() => card(page, 'LIV-T-1').textContent()).toContain('Renamed in the window')
    // Neither change came as an event: the greeting said the first reads were older.
    expect(socket.received.filter((t) => t.startsWith('ticket.'))).toEqual([])
    expect(socket.received[0]).toBe('connected')
    await context.close()
  })

  it('reads nothing twice when nothing changed in the window', async () => {
    const { page, context } = await harness.as('admin')
    const gets: string[] = []
    page.on('request', (r) => {
      if (r.method() === 'GET') gets.push(new URL(r.url()).pathname)
    })
    const socket = await holdLiveSocket(page)
    await page.goto('/p/LIV/board')
    await card(page, 'LIV-T-1').waitFor()
    socket.release()
    await expect.poll(() => socket.received.includes('connected')).toBe(true)
    // An event sent after the greeting arrives after any reading again the greeting caused.
    const later = await harness.admin.createTicket({ project: 'LIV', title: 'After the greeting' })
    await card(page, later.key).waitFor()
    expect(socket.received.filter((t) => t === 'ticket.created')).toHaveLength(1)
    expect(gets.filter((p) => p === '/api/projects/LIV/board')).toHaveLength(1)
    expect(gets.filter((p) => p === '/api/projects/LIV')).toHaveLength(1)
    await context.close()
  })

  it('reads nothing twice after signing in on the same page', async () => {
    const context = await harness.browser.newContext({ baseURL: harness.server.url })
    const page = await context.newPage()
    page.setDefaultTimeout(10_000)
    const gets: string[] = []
    page.on('request', (r) => {
      if (r.method() === 'GET') gets.push(new URL(r.url()).pathname)
    })
    const greeted: string[] = []
    page.on('websocket', (ws) =>
      ws.on('framereceived', (f) => greeted.push(JSON.parse(String(f.payload)).type)),
    )
    await page.goto('/')
    await page.getByLabel('Username').fill('admin')
    await page.getByLabel('Password').fill(ADMIN_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('button', { name: 'Sign out' }).waitFor()
    await expect.poll(() => greeted.includes('connected')).toBe(true)
    // An event after the greeting arrives after any reading again the greeting caused.
    await harness.admin.createProject({ prefix: 'AFT', title: 'After sign-in' })
    await expect.poll(() => greeted.includes('project.created')).toBe(true)
    await page.getByRole('link', { name: /AFT/ }).first().waitFor()
    // The sign-in was a write, yet a session's own: the page's first reads stand. (The
    // project list is read again for the event; the status once by the sign-in form and once
    // by the signed-in shell.)
    expect(gets.filter((p) => p === '/api/status')).toHaveLength(2)
    const again = new Set(['/api/projects', '/api/status'])
    const twice = [...new Set(gets)].filter(
      (p) => p.startsWith('/api/') && !again.has(p) && gets.filter((g) => g === p).length > 1,
    )
    expect(gets.filter((p) => p.startsWith('/api/')).length).toBeGreaterThan(2)
    expect(twice).toEqual([])
    await context.close()
  })
})
