import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertTickets } from '../../bench/seed.ts'
import type { HttpService } from '../../src/client/http-service.ts'
import { moveUnder } from '../support/move-under.ts'
import { SHOWN } from '../support/poll.ts'
import { launchBrowser, signInPage } from './support/browser.ts'
import { ADMIN_PASSWORD, startWebServer, type WebServer } from './support/web-server.ts'

let server: WebServer
let browser: Browser
let admin: HttpService
let epic = ''
let first = ''
let second = ''
let closed = ''

beforeAll(async () => {
  server = await startWebServer()
  browser = await launchBrowser()
  admin = await server.api()
  await admin.createProject({ prefix: 'GRA', title: 'Graph project' })
  epic = (await admin.createTicket({ project: 'GRA', title: 'Checkout epic', type: 'epic' })).key
  first = (await admin.createTicket({ project: 'GRA', title: 'Card form', parent: epic })).key
  second = (await admin.createTicket({ project: 'GRA', title: 'Receipt email', parent: epic })).key
  // The receipt waits for the card form: an arrow from the form (blocker) to the receipt.
  await admin.addDependency(second, first)
  closed = (await admin.createTicket({ project: 'GRA', title: 'Old spike', parent: epic })).key
  await admin.setFlag(closed, 'archived', true)
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('graph view', () => {
  it('draws the hierarchy and the dependency, under the CSP, and a click opens the ticket', async () => {
    const { context, page } = await signInPage(browser, server.url, 'admin', ADMIN_PASSWORD)
    page.setDefaultTimeout(10_000)
    const problems: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text())
    })
    page.on('pageerror', (e) => problems.push(e.message))

    // Reached from the sidebar's project views, like every other view.
    await page.goto('/p/GRA/board')
    await page
      .getByRole('navigation', { name: 'Project views' })
      .getByRole('link', { name: 'Graph' })
      .click()
    await page.waitForURL('**/p/GRA/graph')
    await page.getByRole('heading', { name: 'GRA graph' }).waitFor()

    const node = (key: string) => page.locator(`.react-flow__node[data-id="${key}"]`)
    for (const key of [epic, first, second]) await node(key).waitFor()
    await expect.poll(() => node(first).textContent()).toContain('Card form')
    // Open tickets only: the archived child is left out.
    expect(await node(closed).count()).toBe(0)
    expect(await page.locator('.react-flow__node').count()).toBe(3)

    // Both parent edges, and the dependency edge from blocker to blocked with an arrowhead.
    // Attached, not "visible": a straight vertical edge has a zero-width box.
    const edge = (id: string) => page.locator(`.react-flow__edge[data-id="${id}"]`)
    const drawn = async (id: string) => {
      await edge(id).waitFor({ state: 'attached' })
      expect(await edge(id).locator('path.react-flow__edge-path').getAttribute('d')).toMatch(/^M/)
    }
    await drawn(`parent:${epic}:${first}`)
    await drawn(`parent:${epic}:${second}`)
    await drawn(`dep:${first}:${second}`)
    expect(await page.locator('.react-flow__edge').count()).toBe(3)
    const dep = edge(`dep:${first}:${second}`)
    expect(await dep.getAttribute('class')).toContain('edge-dependency')
    expect(await edge(`parent:${epic}:${first}`).getAttribute('class')).toContain('edge-parent')
    const marker = await dep.locator('path.react-flow__edge-path').getAttribute('marker-end')
    expect(marker).toMatch(/^url\(/)
    expect(await page.locator('.react-flow__arrowhead').count()).toBeGreaterThan(0)
    // The two kinds look different: the dependency is dashed, the parent edge is not.
    const dash = (id: string) =>
      page.evaluate<string>(
        `getComputedStyle(document.querySelector('.react-flow__edge[data-id="${id}"] path.react-flow__edge-path')).strokeDasharray`,
      )
    expect(await dash(`dep:${first}:${second}`)).not.toBe('none')
    expect(await dash(`parent:${epic}:${first}`)).toBe('none')
    // Laid out top to bottom: the epic above its children, the blocker above what it blocks.
    const y = async (key: string) => (await node(key).boundingBox())!.y
    expect(await y(epic)).toBeLessThan(await y(first))
    expect(await y(first)).toBeLessThan(await y(second))

    await node(second).click()
    await page.waitForURL(`**/t/${second}`)
    await page.getByRole('heading', { name: 'Receipt email' }).waitFor()

    // The keyboard reaches each box through its key, a link to the ticket.
    await page.goBack()
    const link = node(first).getByRole('link', { name: first })
    await link.focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(`**/t/${first}`)
    await page.getByRole('heading', { name: 'Card form' }).waitFor()

    // Nothing broke the page, and the CSP refused nothing (a refusal logs a console error).
    expect(problems).toEqual([])
    await context.close()
  })

  it('is offered by the view picker', async () => {
    const { context, page } = await signInPage(browser, server.url, 'admin', ADMIN_PASSWORD)
    await page.goto('/p/GRA/list')
    await page.getByRole('heading', { name: /GRA/ }).first().waitFor()
    await page.keyboard.press('v')
    await page.getByRole('button', { name: /Graph/ }).click()
    await page.waitForURL('**/p/GRA/graph')
    await page.locator(`.react-flow__node[data-id="${epic}"]`).waitFor()
    await context.close()
  })
})

describe('a graph above its cap', () => {
  // 2,000 open tickets: the graph reads the first 300 in key order; TK-T-1 is the parent of
  // the last 100, none of them among the first 300.
  const TICKETS = 2000
  let big: WebServer
  beforeAll(async () => {
    big = await startWebServer({
      seed: async (store) => {
        await insertTickets(store, { prefix: 'TK', count: TICKETS })
        await moveUnder(
          store,
          'TK-T-1',
          { from: TICKETS - 99, to: TICKETS },
          { childType: 'task', parentType: 'epic' },
        )
      },
    })
  }, 120_000)
  afterAll(() => big?.close())

  it("draws the first 300, says how many there are, and loads a ticket's children on expand", async () => {
    const { context, page } = await signInPage(browser, big.url, 'admin', ADMIN_PASSWORD)
    page.setDefaultTimeout(15_000)
    const graphReads: string[] = []
    page.on('request', (r) => {
      const url = new URL(r.url())
      if (url.pathname === '/api/projects/TK/graph') graphReads.push(url.search)
    })
    await page.goto('/p/TK/graph')
    const node = (key: string) => page.locator(`.react-flow__node[data-id="${key}"]`)
    await node('TK-T-1').waitFor({ state: 'attached' })
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(300)
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Showing' }).textContent())
      .toContain('Showing 300 of 2,000 open tickets')
    expect(await node('TK-T-1950').count()).toBe(0)
    // One read of the graph, of 300 tickets: never the whole project.
    expect(graphReads).toHaveLength(1)
    expect(graphReads[0]).toContain('limit=300')

    // By keyboard: at the zoom that fits 300 boxes the button is a few pixels wide.
    await node('TK-T-1').getByRole('button', { name: 'Show 100 more children of TK-T-1' }).focus()
    await page.keyboard.press('Enter')
    await node('TK-T-1950').waitFor({ state: 'attached' })
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(400)
    await page
      .locator('.react-flow__edge[data-id="parent:TK-T-1:TK-T-1950"]')
      .waitFor({ state: 'attached' })
    // Its children shown, the ticket offers no more of them.
    expect(
      await node('TK-T-1')
        .getByRole('button', { name: /more children/ })
        .count(),
    ).toBe(0)
    expect(graphReads.at(-1)).toContain('parent=TK-T-1')
    // The view follows the expansion: the ticket and its first new children are in the
    // canvas, at a readable size, without panning for them (they were laid out far away).
    // The boxes wholly inside the canvas at 3/4 size or more (run in the page).
    const inView = (): Promise<string[]> =>
      page.evaluate(`(() => {
        const c = document.querySelector('.graph-canvas').getBoundingClientRect()
        return [...document.querySelectorAll('.react-flow__node')]
          .filter((n) => {
            const b = n.getBoundingClientRect()
            return b.width >= 0.75 * 220 - 1 && b.left >= c.left && b.top >= c.top &&
              b.right <= c.right && b.bottom <= c.bottom
          })
          .map((n) => n.dataset.id)
      })()`)
    const children = new Set(Array.from({ length: 100 }, (_, i) => `TK-T-${TICKETS - 99 + i}`))
    await expect.poll(async () => (await inView()).includes('TK-T-1'), SHOWN).toBe(true)
    await expect
      .poll(async () => (await inView()).filter((k) => children.has(k)).length, SHOWN)
      .toBeGreaterThanOrEqual(3)
    // Focus stays on the ticket (its expand button is gone), so the keyboard goes on from it.
    await expect
      .poll(() => page.evaluate('document.activeElement?.textContent'), SHOWN)
      .toBe('TK-T-1')

    // A narrower filter: the epic alone, under the cap, so no cap is stated.
    await page.getByLabel('Type').selectOption('epic')
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(1)
    expect(await page.getByRole('status').filter({ hasText: 'Showing' }).count()).toBe(0)
    await context.close()
  })
})
