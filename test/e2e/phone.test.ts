import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SHOWN } from '../support/poll.ts'
import { launchBrowser } from './support/browser.ts'
import { ADMIN_PASSWORD, startWebServer, type WebServer } from './support/web-server.ts'

/** Chromium's mobile emulation: a 390×844 touch screen that sends touch events. */
async function phone(
  browser: Browser,
  url: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: url,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  })
  const page = await context.newPage()
  await page.goto('/')
  await page.getByLabel('Username').fill('admin')
  await page.getByLabel('Password').fill(ADMIN_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { name: 'Projects', level: 1 }).waitFor()
  return { context, page }
}

/** How far the page is wider than the screen (0 when nothing scrolls sideways). */
const overflow = (page: Page) =>
  page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  )

let server: WebServer
let browser: Browser
let firstKey = ''

beforeAll(async () => {
  server = await startWebServer()
  browser = await launchBrowser()
  const admin = await server.api()
  await admin.createProject({
    prefix: 'PH',
    title: 'A project with a rather long title for a phone',
  })
  await admin.createLabel({ project: 'PH', name: 'frontend', color: '#2f6fd6' })
  const epic = await admin.createTicket({ project: 'PH', title: 'An epic', type: 'epic' })
  const t = await admin.createTicket({
    project: 'PH',
    title: 'A ticket whose title is long enough to wrap across two lines and then be clamped',
    parent: epic.key,
    description: `A \`code span\` and a long line: ${'word '.repeat(60)}`,
  })
  firstKey = t.key
  await admin.addLabel(t.key, 'frontend')
  await admin.assign(t.key, 'admin')
  const other = await admin.createTicket({ project: 'PH', title: 'In development' })
  await admin.setStage(other.key, 'develop')
  await admin.addComment(t.key, 'A comment')
  await admin.createStory({ project: 'PH', title: 'A story' })
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const PAGES = [
  ['/', 'Projects'],
  ['/p/PH/board', 'PH board'],
  ['/p/PH/list', 'PH list'],
  ['/p/PH/tree', 'PH hierarchy'],
  ['/p/PH/graph', 'PH graph'],
  ['/p/PH/stories', 'PH stories'],
  ['/p/PH/requirements', 'PH requirements'],
  ['/p/PH/settings', 'PH settings'],
  ['/search?q=ticket', 'Search: ticket'],
  ['/chat', 'Chat'],
  ['/admin/users', 'Users'],
  ['/admin/agents', 'Agents'],
  ['/admin/teams', 'Teams'],
  ['/admin/roles', 'Roles'],
  ['/admin/workflows', 'Workflows'],
  ['/admin/settings', 'Settings'],
  ['/search?q=nothing-like-this', 'Search: nothing-like-this'],
  ['/no/such/page', 'Page not found'],
] as const

describe('on a phone (390×844, touch)', () => {
  it('fits every page to the width: nothing scrolls sideways', async () => {
    const { context, page } = await phone(browser, server.url)
    const wide: Record<string, number> = {}
    for (const [path, heading] of [...PAGES, [`/t/${firstKey}`, 'A ticket whose'] as const]) {
      await page.goto(path)
      await page.getByRole('heading', { name: heading }).first().waitFor()
      await page.waitForLoadState('networkidle')
      if (path.endsWith('/graph')) await page.locator('.react-flow__node').first().waitFor()
      const px = await overflow(page)
      if (px > 0) wide[path] = px
    }
    expect(wide).toEqual({})
    await context.close()
  }, 120_000)

  it('puts the navigation behind a menu, and shows the list as rows of cards', async () => {
    const { context, page } = await phone(browser, server.url)
    await page.goto('/p/PH/list')
    await page.getByRole('heading', { name: 'PH list' }).waitFor()
    const nav = page.getByRole('complementary', { name: 'Navigation' })
    expect(await nav.isVisible()).toBe(false)
    await page.getByRole('button', { name: 'Navigation' }).tap()
    await nav.waitFor()
    await nav.getByRole('link', { name: 'Board' }).tap()
    await page.getByRole('heading', { name: 'PH board' }).waitFor()
    expect(await nav.isVisible()).toBe(false)

    await page.goto('/p/PH/list')
    const row = page.locator('table.tickets tbody tr').first()
    await row.waitFor()
    // A card: the header row is hidden and each row is a box of its own, as wide as the screen.
    expect(await page.locator('table.tickets thead').isVisible()).toBe(false)
    const box = await row.boundingBox()
    expect(box?.width).toBeGreaterThan(300)
    expect(box?.width).toBeLessThanOrEqual(390)
    await context.close()
  }, 60_000)

  it('shows one lane per screen with the lane names as tabs, swiped sideways', async () => {
    const { context, page } = await phone(browser, server.url)
    await page.goto('/p/PH/board')
    const tabs = page.getByRole('tablist', { name: 'Lanes' })
    await tabs.waitFor()
    const develop = tabs.getByRole('tab', { name: /develop/i })
    await develop.waitFor()
    expect(await tabs.getByRole('tab', { name: /design/i }).getAttribute('aria-selected')).toBe(
      'true',
    )
    await develop.tap()
    await expect.poll(() => develop.getAttribute('aria-selected')).toBe('true')
    // The develop lane is now the one on screen.
    await expect
      .poll(async () => (await page.locator('section.lane[data-stage="develop"]').boundingBox())?.x)
      .toBeLessThan(40)
    // A swipe (the board scrolled sideways, as a finger does) selects the tab of the lane in view.
    await page.evaluate("document.querySelector('.board').scrollTo({ left: 0 })")
    await expect
      .poll(() => tabs.getByRole('tab', { name: /design/i }).getAttribute('aria-selected'))
      .toBe('true')
    await context.close()
  }, 60_000)

  it('moves a card to another lane by touch: press, hold, drag', async () => {
    const { context, page } = await phone(browser, server.url)
    await page.goto('/p/PH/board')
    const card = page.locator(`li.card[data-key="${firstKey}"]`)
    await card.waitFor()
    const from = (await card.boundingBox())!
    const cdp = await context.newCDPSession(page)
    const at = (x: number, y: number) => [{ x, y, id: 1, radiusX: 1, radiusY: 1, force: 1 }]
    const x = from.x + from.width / 2
    const y = from.y + from.height / 2
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(x, y) })

    // A finger held still: the press becomes a drag after dnd-kit's touch delay.
    await expect.poll(() => card.getAttribute('class')).toContain('dragging')
    // Drag toward the right edge: the board scrolls to the next lane under the finger.
    // The board scrolls only while the finger moves, so the finger keeps moving (a pixel to and
    // fro) near the edge; under load each step may take long, hence the generous time.
    const target = page.locator('section.lane[data-stage="develop"]')
    let step = 0
    await expect
      .poll(
        async () => {
          await cdp.send('Input.dispatchTouchEvent', {
            type: 'touchMove',
            touchPoints: at(384 + (step++ % 2), y),
          })
          return (await target.boundingBox())?.x ?? 999
        },
        { timeout: 15_000 },
      )
      .toBeLessThan(200)
    // What is under the finger in that lane lights up as the drop target before the finger
    // lifts: the lane, one of its state targets, or the card the dragged one would go before
    // (a drop on a card of another lane moves it into that lane). The finger follows the lane:
    // the board may still be settling from its scroll when the first move lands.
    await expect
      .poll(
        async () => {
          const box = (await target.boundingBox())!
          await cdp.send('Input.dispatchTouchEvent', {
            type: 'touchMove',
            touchPoints: at(box.x + box.width / 2, box.y + 80),
          })
          return page
            .locator(
              [
                'section.lane[data-stage="develop"].over',
                '[data-stage="develop"] .state-target.over',
                'section.lane[data-stage="develop"] li.card.drop-here',
              ].join(', '),
            )
            .count()
        },
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0)
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
    const admin = await server.api()
    await expect.poll(async () => (await admin.getTicket(firstKey)).stage).toBe('develop')
    await context.close()
  }, 60_000)

  it('shows every admin action and tab inside the screen, none cut off at the edge', async () => {
    const { context, page } = await phone(browser, server.url)
    const admin = await server.api()
    await admin.createUser({ username: 'phoneuser', password: 'phoneuser-password' } as never)
    await admin.createAgent({ display_name: 'Phone bot' } as never)
    for (const [path, heading] of [
      ['/admin/users', 'Users'],
      ['/admin/agents', 'Agents'],
    ] as const) {
      await page.goto(path)
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor()
      await page.locator('main table button').first().waitFor()
      // Every button of the table, and every admin tab, lies wholly within the 390 px.
      const outside = await page.evaluate<string[]>(
        `[...document.querySelectorAll('main table button, nav[aria-label="Admin sections"] a')]
          .filter((e) => e.getBoundingClientRect().left < 0 || e.getBoundingClientRect().right > innerWidth)
          .map((e) => e.textContent)`,
      )
      expect(outside, path).toEqual([])
    }
    await context.close()
  })

  it("keeps an agent's id on one line, in the agents table and in its team", async () => {
    const { context, page } = await phone(browser, server.url)
    page.setDefaultTimeout(10_000)
    const admin = await server.api()
    const agent = (await admin.createAgent({ display_name: 'Nightly builder' } as never)).agent
    await admin.createTeam({ name: 'bots' })
    await admin.addTeamAgent('bots', agent.username)
    // Each place the id is written: how many lines it takes and whether it fits the screen
    // (run in the page; a button's label is not counted, it names the action).
    const places = (): Promise<{ lines: number; inside: boolean }[]> =>
      page.evaluate(`(() => {
        const id = ${JSON.stringify(agent.username)}
        const walk = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT)
        const found = []
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
          const at = n.data.indexOf(id)
          if (at === -1 || n.parentElement.closest('button')) continue
          const range = document.createRange()
          range.setStart(n, at)
          range.setEnd(n, at + id.length)
          const rects = [...range.getClientRects()]
          found.push({
            lines: new Set(rects.map((r) => Math.round(r.top))).size,
            inside: rects.every((r) => r.left >= 0 && r.right <= innerWidth),
          })
        }
        return found
      })()`)
    for (const [path, heading] of [
      ['/admin/agents', 'Agents'],
      ['/admin/teams/bots', 'Team bots'],
    ] as const) {
      await page.goto(path)
      await page.getByRole('heading', { name: heading }).first().waitFor()
      await expect.poll(async () => (await places()).length, SHOWN).toBeGreaterThan(0)
      expect(await places(), path).toEqual((await places()).map(() => ({ lines: 1, inside: true })))
      // Nor does a button that names the agent reach past the screen.
      const outside = await page.evaluate<string[]>(
        `[...document.querySelectorAll('main button')]
          .filter((e) => e.getBoundingClientRect().right > innerWidth)
          .map((e) => e.getAttribute('aria-label') ?? e.textContent)`,
      )
      expect(outside, path).toEqual([])
    }
    await context.close()
  })
})
