import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertTickets } from '../../bench/seed.ts'
import type { HttpService } from '../../src/client/http-service.ts'
import { launchBrowser, signInPage } from './support/browser.ts'
import { ADMIN_PASSWORD, startWebServer, type WebServer } from './support/web-server.ts'

// 10,000 tickets in project TK, 2,500 in each lane, inserted in bulk before the server starts.
const TICKETS = 10_000
const STAGES = ['design', 'develop', 'test', 'done']
// Far fewer than 10,000: only the cards and rows near the view are in the page.
const BOUNDED = 300

let server: WebServer
let browser: Browser
let admin: HttpService

beforeAll(async () => {
  server = await startWebServer({
    seed: (store) =>
      insertTickets(store, {
        prefix: 'TK',
        count: TICKETS,
        stageOf: (seq) => STAGES[seq % STAGES.length]!,
      }),
  })
  browser = await launchBrowser()
  admin = await server.api()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const lane = (page: Page, stage: string) => page.locator(`section.lane[data-stage="${stage}"]`)
const laneCount = (page: Page, stage: string) => lane(page, stage).locator('h2 .count').innerText()
const cardsInPage = (page: Page) => page.locator('li.card').count()

async function openBoard() {
  const { page, context } = await signInPage(browser, server.url, 'admin', ADMIN_PASSWORD)
  await page.goto('/p/TK/board')
  await lane(page, 'design').locator('li.card').first().waitFor()
  return { page, context }
}

describe('a 10,000-ticket project in Chromium', () => {
  it('shows every lane with its count, yet holds only a bounded number of cards', async () => {
    const { page, context } = await openBoard()
    for (const stage of STAGES) expect(await laneCount(page, stage)).toBe('2500')
    const n = await cardsInPage(page)
    expect(n).toBeGreaterThan(0)
    expect(n).toBeLessThan(BOUNDED)
    await context.close()
  })

  it('loads later cards as a lane is scrolled to its end', async () => {
    const { page, context } = await openBoard()
    // The lane's last card in board order, as the server says it.
    const end = (await admin.board({ project: 'TK', stage: 'test', offset: 2499, limit: 1 }))
      .lanes[0]?.tickets[0]?.key
    if (!end) throw new Error('the test lane has no last card')
    expect(await lane(page, 'test').locator(`li.card[data-key="${end}"]`).count()).toBe(0)
    const scrollLane = `document.querySelector('section.lane[data-stage="test"] .lane-scroll').scrollTo({ top: 1e9 })`
    await expect
      .poll(
        async () => {
          await page.evaluate(scrollLane)
          return lane(page, 'test').locator(`li.card[data-key="${end}"]`).count()
        },
        { timeout: 60_000, interval: 100 },
      )
      .toBe(1)
    // Scrolled through 2,500 cards, the page still holds only those near the view.
    expect(await cardsInPage(page)).toBeLessThan(BOUNDED)
    expect(await laneCount(page, 'test')).toBe('2500')
    await context.close()
  })

  it('keeps a 10,000-ticket board live: a move elsewhere shows, with both counts', async () => {
    const { page, context } = await openBoard()
    const first = await lane(page, 'design').locator('li.card').first().getAttribute('data-key')
    if (!first) throw new Error('no card in the design lane')
    await admin.setStage(first, 'develop')
    await lane(page, 'develop').locator(`li.card[data-key="${first}"]`).waitFor()
    expect(await lane(page, 'design').locator(`li.card[data-key="${first}"]`).count()).toBe(0)
    await expect.poll(() => laneCount(page, 'design')).toBe('2499')
    await expect.poll(() => laneCount(page, 'develop')).toBe('2501')
    await admin.setStage(first, 'design')
    await expect.poll(() => laneCount(page, 'design')).toBe('2500')
    await context.close()
  })

  it('moves a focused card through an unrendered part of a lane with j', async () => {
    const { page, context } = await openBoard()
    const cards = lane(page, 'done').locator('li.card')
    await cards.first().locator('a').focus()
    const rendered = await cards.count()
    // More presses than cards rendered at first: focus walks into cards rendered on the way.
    for (let i = 0; i < rendered + 5; i++) await page.keyboard.press('j')
    const focused = await page.evaluate('document.activeElement?.dataset.card')
    const expected = (
      await admin.board({ project: 'TK', stage: 'done', offset: rendered + 5, limit: 1 })
    ).lanes[0]?.tickets[0]?.key
    expect(focused).toBe(expected)
    await context.close()
  })

  it('shows the list with its total and loads later rows as the page scrolls', async () => {
    const { page, context } = await signInPage(browser, server.url, 'admin', ADMIN_PASSWORD)
    await page.goto('/p/TK/list')
    await page.locator('table.tickets tbody a[data-row]').first().waitFor()
    await expect.poll(() => page.locator('h1 .count').innerText()).toBe(String(TICKETS))
    const rows = page.locator('table.tickets tbody a[data-row]')
    expect(await rows.count()).toBeLessThan(BOUNDED)
    // Newest change first: the oldest ticket (TK-T-1) is the list's last row.
    await expect
      .poll(
        async () => {
          await page.evaluate('window.scrollTo({ top: document.body.scrollHeight })')
          return page.locator('a[data-row="TK-T-1"]').count()
        },
        { timeout: 60_000, interval: 100 },
      )
      .toBe(1)
    expect(await rows.count()).toBeLessThan(BOUNDED)
    await context.close()
  })

  it('sorts the list on the server: the right first rows from one page, not every page', async () => {
    const { page, context } = await signInPage(browser, server.url, 'admin', ADMIN_PASSWORD)
    const pages: URLSearchParams[] = []
    page.on('request', (r) => {
      const url = new URL(r.url())
      if (url.pathname === '/api/tickets') pages.push(url.searchParams)
    })
    await page.goto('/p/TK/list')
    const rows = page.locator('table.tickets tbody a[data-row]')
    await rows.first().waitFor()
    pages.length = 0
    // Priority is 1 + seq % 5: priority 1 first, the oldest of them (TK-T-5) leading.
    await page.getByRole('button', { name: 'Priority' }).click()
    await expect.poll(() => rows.first().getAttribute('data-row')).toBe('TK-T-5')
    expect(await rows.nth(1).getAttribute('data-row')).toBe('TK-T-10')
    // Descending: priority 5, newest first.
    await page.getByRole('button', { name: 'Priority' }).click()
    await expect.poll(() => rows.first().getAttribute('data-row')).toBe('TK-T-9999')
    expect(await rows.nth(1).getAttribute('data-row')).toBe('TK-T-9994')
    // One page of 200 per order asked for, of the 50 it would take to read all 10,000.
    expect(pages.map((p) => `${p.get('sort')} ${p.get('order')} ${p.get('after')}`)).toEqual([
      'priority asc null',
      'priority desc null',
    ])
    // Scrolled to the end of the loaded rows, the next page goes on in the same order.
    await page.evaluate('window.scrollTo({ top: document.body.scrollHeight })')
    await expect.poll(() => pages.length).toBeGreaterThan(2)
    expect(pages[2]?.get('sort')).toBe('priority')
    expect(pages[2]?.get('after')).toBeTruthy()
    await context.close()
  })
  // Last: it attaches tickets under TK-T-1, which changes that ticket's stage.
  it('reads the hierarchy a page at a time: 200 top-level tickets with their count, more on request, children on expand', async () => {
    for (const seq of [2, 3, 4]) await admin.setParent(`TK-T-${seq}`, 'TK-T-1')
    const roots = TICKETS - 3
    const { page, context } = await signInPage(browser, server.url, 'admin', ADMIN_PASSWORD)
    const asked: URLSearchParams[] = []
    page.on('request', (r) => {
      const url = new URL(r.url())
      if (url.pathname === '/api/projects/TK/tree') asked.push(url.searchParams)
      // The whole tree is never asked for.
      if (url.pathname === '/api/tree') asked.push(new URLSearchParams({ whole: 'yes' }))
    })
    await page.goto('/p/TK/tree')
    const top = page.locator('ul.tree > li')
    await top.first().waitFor({ timeout: 60_000 })
    await expect
      .poll(() => page.locator('.cap-note').innerText())
      .toContain(`Showing 200 of ${roots.toLocaleString('en-US')} top-level tickets`)
    expect(await top.count()).toBe(200)
    expect(asked.length).toBeGreaterThan(0)
    // Only first pages of top-level tickets so far (the live window may ask twice).
    expect(asked.map((p) => p.toString()).filter((q) => q !== 'limit=200')).toEqual([])

    // Children are read when a ticket is opened, not before.
    expect(await top.first().locator('ul li').count()).toBe(0)
    await page.getByRole('button', { name: 'Show 3 children of TK-T-1' }).click()
    const kids = top.first().locator('ul > li .row-key')
    await expect.poll(() => kids.allInnerTexts()).toEqual(['TK-T-2', 'TK-T-3', 'TK-T-4'])
    expect(asked.some((p) => p.get('parent') === 'TK-T-1')).toBe(true)

    // The next page goes on after the last shown top-level ticket (TK-T-1, then TK-T-5…203).
    await page.getByRole('button', { name: 'Show 200 more' }).click()
    await expect.poll(() => top.count()).toBe(400)
    expect(asked.some((p) => p.get('after') === 'TK-T-203' && p.get('parent') === null)).toBe(true)
    await expect
      .poll(() => page.locator('.cap-note').innerText())
      .toContain(`Showing 400 of ${roots.toLocaleString('en-US')} top-level tickets`)
    expect(asked.some((p) => p.has('whole'))).toBe(false)
    await context.close()
  }, 120_000)
})
