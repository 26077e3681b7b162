import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HttpService } from '../../src/client/http-service.ts'
import { SHOWN } from '../support/poll.ts'
import { launchBrowser, signInPage } from './support/browser.ts'
import { ADMIN_PASSWORD, startWebServer, type WebServer } from './support/web-server.ts'

let server: WebServer
let browser: Browser
let admin: HttpService
let bug = ''

beforeAll(async () => {
  server = await startWebServer()
  browser = await launchBrowser()
  admin = await server.api()
  await admin.createProject({
    prefix: 'LAY',
    title: 'A project whose title is long enough to crowd a top bar at 1024 pixels wide',
  })
  await admin.createProject({ prefix: 'OTH', title: 'Another project' })
  bug = (
    await admin.createTicket({
      project: 'LAY',
      title: 'Pelican checkout fails',
      type: 'bug',
      priority: 1,
    })
  ).key
  await admin.createLabel({ project: 'LAY', name: 'payments' })
  await admin.addLabel(bug, 'payments')
  // A wide graph: an epic over eight children, side by side once laid out.
  const epic = await admin.createTicket({ project: 'OTH', title: 'Wide epic', type: 'epic' })
  for (let i = 1; i <= 8; i++) {
    const t = await admin.createTicket({
      project: 'OTH',
      title: `Child ticket number ${i} of the wide epic`,
      parent: epic.key,
    })
    if (i === 1) {
      await admin.setStage(t.key, 'develop')
      await admin.setState(t.key, 'active')
    }
  }
  await admin.createTicket({ project: 'OTH', title: 'A requirement', type: 'requirement' })
  await admin.createProject({ prefix: 'EMP', title: 'Nothing in it yet' })
  // Keys as long as they come (five wide letters, two digits): MOWMW-T-10.
  await admin.createProject({ prefix: 'MOWMW', title: 'Long keys' })
  for (let i = 1; i <= 11; i++) await admin.createTicket({ project: 'MOWMW', title: `Ticket ${i}` })
  await admin.createTeam({ name: 'platform' })
  await admin.createStory({ project: 'LAY', title: 'Faster checkout' })
  await admin.createProject({ prefix: 'FRESH', title: 'Empty until a ticket arrives' })
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('layout, command palette and label colours', () => {
  it('keeps the top bar on one row at 1024 px, with the sidebar beside the page', async () => {
    const { context, page } = await signInPage(browser, server.url, 'admin', ADMIN_PASSWORD)
    await page.setViewportSize({ width: 1024, height: 768 })
    await page.goto('/p/LAY/board')
    await page.getByRole('heading', { name: 'LAY board' }).waitFor()
    const bar = (await page.locator('header.top').boundingBox())!
    expect(bar.height).toBeLessThanOrEqual(56)
    // Every control of the bar sits on that one row.
    for (const name of ['Search or jump to…', 'New ticket', 'Settings and help']) {
      const b = (await page.getByRole('button', { name }).boundingBox())!
      expect(b.y).toBeGreaterThanOrEqual(bar.y)
      expect(b.y + b.height).toBeLessThanOrEqual(bar.y + bar.height)
    }
    const views = page.getByRole('navigation', { name: 'Project views' })
    expect(await views.isVisible()).toBe(true)
    expect(
      await page.evaluate<number>('document.documentElement.scrollWidth - innerWidth'),
    ).toBeLessThanOrEqual(0)
    // The server's version is visible to every user, not only to admins.
    await page.getByText('ticket test').waitFor()
    await context.close()
  })

  it('opens the palette with Ctrl-K: a key opens its ticket, words find tickets', async () => {
    const { context, page } = await signInPage(browser, server.url, 'admin', ADMIN_PASSWORD)
    await page.goto('/p/OTH/board')
    await page.getByRole('heading', { name: 'OTH board' }).waitFor()
    await page.keyboard.press('Control+k')
    const input = page.getByRole('combobox', { name: 'Command palette' })
    await input.waitFor()
    await input.fill(bug.toLowerCase())
    await page.getByRole('option', { name: new RegExp(`Open ${bug}`) }).waitFor()
    await page.keyboard.press('Enter')
    await page.waitForURL(`**/t/${bug}`)
    await page.getByRole('heading', { name: 'Pelican checkout fails' }).waitFor()

    await page.keyboard.press('Control+k')
    await input.fill('pelican')
    await page.getByRole('option', { name: new RegExp(`${bug}.*Pelican`) }).click()
    await page.waitForURL(`**/t/${bug}`)

    // Navigation: a project by its name.
    await page.keyboard.press('Control+k')
    await input.fill('another')
    await page.getByRole('option', { name: /OTH.*Another project/ }).click()
    await page.getByRole('heading', { name: 'OTH board' }).waitFor()
    await context.close()
  })

  it('chooses a label colour on the ticket page and shows it on the board', async () => {
    const { context, page } = await signInPage(browser, server.url, 'admin', ADMIN_PASSWORD)
    await page.goto(`/t/${bug}`)
    await page.getByRole('button', { name: 'Colour of label payments' }).click()
    await page.getByRole('button', { name: 'green', exact: true }).click()
    await expect.poll(async () => (await admin.listLabels('LAY'))[0]?.color).toBe('#1a7f37')
    await page.goto('/p/LAY/board')
    const chip = page.locator(`li.card[data-key="${bug}"] .badge.label`, { hasText: 'payments' })
    await chip.waitFor()
    // The dot appears once the project's label colours are read, which may be after the card.
    await chip.locator('.chip-dot').waitFor()
    const colour = await page.evaluate<string>(
      `getComputedStyle(document.querySelector('li.card[data-key="${bug}"] .chip-dot')).backgroundColor`,
    )
    expect(colour).toBe('rgb(26, 127, 55)')
    await context.close()
  })

  it('shows "no matches" with a way to clear the filters', async () => {
    const { context, page } = await signInPage(browser, server.url, 'admin', ADMIN_PASSWORD)
    await page.goto('/p/LAY/board?q=nothing-matches-this')
    await page.getByText('No tickets match these filters').waitFor()
    await page.getByRole('button', { name: 'Clear filters' }).first().click()
    await page.locator(`li.card[data-key="${bug}"]`).waitFor()
    expect(new URL(page.url()).search).toBe('')
    // No command-line hints in the web app.
    expect(await page.locator('main').textContent()).not.toMatch(/\btk [a-z]/)
    await context.close()
  })

  it("draws the empty states' pictures, and names the not-found page as such", async () => {
    const { context, page } = await signInPage(browser, server.url, 'admin', ADMIN_PASSWORD)
    for (const [path, heading] of [
      ['/p/EMP/board', 'EMP board'],
      ['/p/EMP/list', 'EMP list'],
      ['/search?q=nothing-like-this', 'Search: nothing-like-this'],
      ['/no/such/page', 'Page not found'],
    ] as const) {
      await page.goto(path)
      await page.getByRole('heading', { name: heading }).waitFor()
      // A drawn picture, not a character some machines have no glyph for (an empty box).
      const icon = page.locator('.state-box .state-icon svg').first()
      await icon.waitFor()
      const box = (await icon.boundingBox())!
      expect(box.width).toBeGreaterThan(10)
      expect(await page.locator('.state-box .state-icon').first().textContent()).toBe('')
    }
    // The page that is not there says so in the top bar and the tab, not "Projects".
    expect(await page.locator('header.top .title-crumb').textContent()).toBe('Page not found')
    expect(await page.title()).toMatch(/^Page not found/)
    await page.getByRole('link', { name: 'Go to all projects' }).click()
    await page.getByRole('heading', { name: 'Projects', level: 1 }).waitFor()
    await context.close()
  })

  it('draws selects like the inputs beside them, one row high, on one line', async () => {
    const { context, page } = await signInPage(browser, server.url, 'admin', ADMIN_PASSWORD)
    await page.goto('/p/LAY/board')
    await page.getByRole('heading', { name: 'LAY board' }).waitFor()
    const select = page.locator('.filters select').first()
    const input = page.getByLabel('Assignee', { exact: true })
    // Not the browser's own control: the app's border, radius and arrow.
    expect(
      await page.evaluate<string>(
        `getComputedStyle(document.querySelector('.filters select')).appearance`,
      ),
    ).toBe('none')
    const s = (await select.boundingBox())!
    const i = (await input.boundingBox())!
    expect(Math.abs(s.y - i.y)).toBeLessThanOrEqual(1)
    expect(Math.abs(s.height - i.height)).toBeLessThanOrEqual(1)
    await context.close()
  })

  it('keeps each ticket key in the list on one line', async () => {
    const { context, page } = await signInPage(browser, server.url, 'admin', ADMIN_PASSWORD)
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto('/p/MOWMW/list')
    await page.getByRole('heading', { name: 'MOWMW list' }).waitFor()
    await page.locator('a[data-row="MOWMW-T-11"]').waitFor()
    // The lines the key's text takes (a flex item is one box however many lines it wraps to).
    const lines = await page.evaluate<[string, number][]>(
      `[...document.querySelectorAll('a[data-row]')].map((a) => {
        const range = document.createRange()
        range.selectNodeContents(a)
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)))
        return [a.textContent, tops.size]
      })`,
    )
    expect(lines.length).toBeGreaterThan(5)
    expect(lines.filter(([, n]) => n !== 1)).toEqual([])
    await context.close()
  })

  it('shows lists as designed rows: no bullets, no underlined keys', async () => {
    const { context, page } = await signInPage(browser, server.url, 'admin', ADMIN_PASSWORD)
    for (const [path, heading, item] of [
      ['/p/OTH/tree', 'OTH hierarchy', '.tree li'],
      ['/search?q=child', 'Search: child', '.results li'],
      ['/p/OTH/requirements', 'OTH requirements', '.requirements > li'],
      ['/admin/roles', 'Roles', '.roles > li'],
    ] as const) {
      await page.goto(path)
      await page.getByRole('heading', { name: heading }).waitFor()
      await page.locator(item).first().waitFor()
      const bullets = await page.evaluate<string[]>(
        `[...document.querySelectorAll('${item}')].map((li) => getComputedStyle(li).listStyleType).filter((t) => t !== 'none')`,
      )
      expect(bullets, path).toEqual([])
    }
    await page.goto('/p/OTH/tree')
    const key = page.locator('.tree .row-key').first()
    await key.waitFor()
    expect(
      await page.evaluate<string>(
        `getComputedStyle(document.querySelector('.tree .row-key')).textDecorationLine`,
      ),
    ).toBe('none')
    await context.close()
  })

  it('opens a team or a story from its name, a link like the row keys, not an underlined button', async () => {
    const { context, page } = await signInPage(browser, server.url, 'admin', ADMIN_PASSWORD)
    page.setDefaultTimeout(10_000)
    const decoration = (name: string) =>
      page.evaluate<string>(
        `getComputedStyle([...document.querySelectorAll('main .rows a')].find((a) => a.textContent === ${JSON.stringify(name)})).textDecorationLine`,
      )
    await page.goto('/admin/teams')
    const team = page.locator('main .rows').getByRole('link', { name: 'platform', exact: true })
    expect(await team.getAttribute('href')).toBe('/admin/teams/platform')
    expect(await decoration('platform')).toBe('none')
    expect(await page.locator('main .rows button.link').count()).toBe(0)
    await team.click()
    await page.getByRole('heading', { name: 'Team platform' }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/admin/teams/platform')

    await page.goto('/p/LAY/stories')
    const story = page
      .locator('main .rows')
      .getByRole('link', { name: 'Faster checkout', exact: true })
    expect(await story.getAttribute('href')).toMatch(/^\/p\/LAY\/stories\/\d+$/)
    expect(await decoration('Faster checkout')).toBe('none')
    await story.click()
    await page.waitForURL(/\/p\/LAY\/stories\/\d+$/)
    await context.close()
  })

  it('shows an empty board as its empty state and a way to create, without empty lanes', async () => {
    const { context, page } = await signInPage(browser, server.url, 'admin', ADMIN_PASSWORD)
    page.setDefaultTimeout(10_000)
    await page.goto('/p/FRESH/board')
    const empty = page.locator('.state-box', { hasText: 'No open tickets yet' })
    await empty.waitFor()
    expect(await page.locator('section.lane').count()).toBe(0)
    expect(await page.getByRole('tab').count()).toBe(0)
    // The call to action opens the new-ticket dialog for this project.
    await empty.getByRole('button', { name: 'New ticket' }).click()
    await page.getByRole('dialog', { name: 'New ticket in FRESH' }).waitFor()
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByRole('dialog').count(), SHOWN).toBe(0)
    // The first ticket, from anywhere, brings the lanes with it.
    const t = await admin.createTicket({ project: 'FRESH', title: 'The first one' })
    await page.locator(`section.lane[data-stage="design"] li.card[data-key="${t.key}"]`).waitFor()
    expect(await empty.count()).toBe(0)
    await context.close()
  })

  it('draws a wide graph at a readable size, with each status whole', async () => {
    const { context, page } = await signInPage(browser, server.url, 'admin', ADMIN_PASSWORD)
    for (const size of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(size)
      await page.goto('/p/OTH/graph')
      await page.getByRole('heading', { name: 'OTH graph' }).waitFor()
      await page.locator('.react-flow__node').nth(8).waitFor()
      // Fitting nine boxes side by side would shrink their text below reading size; the view
      // stays at three-quarter size at least and the rest is panned to.
      const scale = await page.evaluate<number>(
        `new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')).transform).a`,
      )
      expect(scale).toBeGreaterThanOrEqual(0.75)
      expect(scale).toBeLessThanOrEqual(1)
      // The status badge is not cut off ("develop/activ").
      const cut = await page.$$eval('.graph-node .badge.state', (badges) =>
        badges.filter((b) => b.scrollWidth > b.clientWidth).map((b) => b.textContent),
      )
      expect(cut).toEqual([])
      // Too wide to fit, it starts at its left edge: the first box is whole, a margin inside
      // the canvas (centred, it was cut; not placed at all, it sat on the edge).
      const canvas = (await page.locator('.graph-canvas').boundingBox())!
      const firstBox = await page.$$eval('.react-flow__node', (nodes) =>
        Math.min(...nodes.map((n) => n.getBoundingClientRect().left)),
      )
      expect(firstBox).toBeGreaterThanOrEqual(canvas.x + 8)
      expect(
        await page.evaluate<number>(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        ),
      ).toBeLessThanOrEqual(0)
    }
    await context.close()
  })

  it("spaces the ticket page's rows of buttons apart, none touching the row above", async () => {
    const { context, page } = await signInPage(browser, server.url, 'admin', ADMIN_PASSWORD)
    await page.goto(`/t/${bug}`)
    await page.getByRole('heading', { name: 'Pelican checkout fails' }).waitFor()
    await page.getByRole('button', { name: 'Archive' }).waitFor()
    // Every pair of buttons or fields in one side panel on different lines: at least 4 px apart.
    const touching = await page.evaluate<string[]>(
      `[...document.querySelectorAll('.side-box')].flatMap((box) => {
        const els = [...box.querySelectorAll('button, input:not([type=checkbox]), select')]
          .filter((e) => e.offsetParent !== null)
          .map((e) => [e.textContent || e.getAttribute('placeholder') || e.tagName, e.getBoundingClientRect()])
        const out = []
        for (const [a, ra] of els)
          for (const [b, rb] of els)
            if (rb.top > ra.top + 2 && rb.top - ra.bottom < 4 && rb.left < ra.right && ra.left < rb.right)
              out.push(a + ' / ' + b)
        return out
      })`,
    )
    expect(touching).toEqual([])
    await context.close()
  })
})
