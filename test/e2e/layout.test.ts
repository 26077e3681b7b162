import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HttpService } from '../../src/client/http-service.ts'
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
})
