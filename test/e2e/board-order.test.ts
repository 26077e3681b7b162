/**
 * Cards reorder within a lane, by Shift+↑/↓ and by a drop on another card of the lane; the
 * server keeps the order (the tickets' sort_order), so it holds after a reload and for the API.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { HttpService } from '../../src/client/http-service.ts'
import { webHarness } from './support/harness.ts'

let admin: HttpService
const harness = webHarness(async (a) => {
  admin = a
  await admin.createProject({ prefix: 'ORD', title: 'Order' })
})
const as = harness.as

const card = (page: Page, key: string) => page.locator(`li.card[data-key="${key}"]`)

/** The keys of a lane's cards as the page shows them, top to bottom (run in the page). */
const shown = (page: Page, stage: string): Promise<string[]> =>
  page.evaluate(`[...document.querySelectorAll('section.lane[data-stage="${stage}"] li.card')]
    .map((el) => ({ key: el.dataset.key, top: el.getBoundingClientRect().top }))
    .sort((a, b) => a.top - b.top)
    .map((x) => x.key)`)

/** The keys of a lane as the server orders them. */
const stored = async (stage: string) =>
  (await admin.board({ project: 'ORD', stage, limit: 100 })).lanes[0]?.tickets.map((t) => t.key)

describe('reordering cards within a lane', () => {
  it('Shift+↓ moves a card below its neighbour; the order holds after a reload; u undoes it', async () => {
    const keys: string[] = []
    for (const title of ['One', 'Two', 'Three'])
      keys.push((await admin.createTicket({ project: 'ORD', title })).key)
    const [one, two, three] = keys as [string, string, string]
    expect(await stored('design')).toEqual([one, two, three])

    const { page, context } = await as('admin')
    await page.goto('/p/ORD/board')
    await card(page, one).waitFor()
    await page.locator(`[data-card="${one}"]`).focus()
    await page.keyboard.press('Shift+ArrowDown')
    await expect.poll(() => shown(page, 'design')).toEqual([two, one, three])
    // Focus stays on the moved card, so a second press moves it on.
    await expect.poll(() => page.evaluate('document.activeElement?.dataset.card')).toBe(one)
    await expect.poll(() => stored('design')).toEqual([two, one, three])

    await page.reload()
    await card(page, one).waitFor()
    expect(await shown(page, 'design')).toEqual([two, one, three])

    // Another browser (a fresh sign-in) sees the same order.
    const other = await as('admin')
    await other.page.goto('/p/ORD/board')
    await card(other.page, three).waitFor()
    expect(await shown(other.page, 'design')).toEqual([two, one, three])
    await other.context.close()

    await page.locator(`[data-card="${one}"]`).focus()
    await page.keyboard.press('Shift+ArrowUp')
    await expect.poll(() => stored('design')).toEqual([one, two, three])
    await page.locator('body').press('u')
    await expect.poll(() => stored('design')).toEqual([two, one, three])
    await expect.poll(() => shown(page, 'design')).toEqual([two, one, three])
    await context.close()
  })

  it('a card dropped on another card of its lane takes its place', async () => {
    const before = (await stored('design')) ?? []
    const first = before[0]
    const last = before[before.length - 1]
    if (!first || !last) throw new Error('no cards')
    const { page, context } = await as('admin')
    await page.goto('/p/ORD/board')
    await card(page, last).waitFor()
    const from = await card(page, last).boundingBox()
    const to = await card(page, first).boundingBox()
    if (!from || !to) throw new Error('cards not visible')
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
    await page.mouse.down()
    // dnd-kit starts a drag only after the pointer has moved a few pixels.
    await page.mouse.move(from.x + from.width / 2 + 8, from.y + from.height / 2 - 8, { steps: 3 })
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 })
    await card(page, first).and(page.locator('.drop-here')).waitFor()
    await page.mouse.up()
    const expected = [last, ...before.slice(0, -1)]
    await expect.poll(() => stored('design')).toEqual(expected)
    await expect.poll(() => shown(page, 'design')).toEqual(expected)
    // Still in the lane it was in: a reorder is not a stage move.
    expect((await admin.getTicket(last)).stage).toBe('design')
    await context.close()
  })

  it('a card does not pass a card of another priority', async () => {
    const urgent = await admin.createTicket({ project: 'ORD', title: 'Urgent', priority: 1 })
    const order = (await stored('design')) ?? []
    expect(order[0]).toBe(urgent.key)
    const { page, context } = await as('admin')
    await page.goto('/p/ORD/board')
    await page.locator(`[data-card="${order[1]}"]`).focus()
    await page.keyboard.press('Shift+ArrowUp')
    await page.getByText('change its priority').first().waitFor()
    expect(await stored('design')).toEqual(order)
    await context.close()
  })

  it('a drag held still near the edge of a lane does not scroll the lane on', async () => {
    await admin.createProject({ prefix: 'SCR', title: 'Scroll' })
    for (let i = 1; i <= 50; i++) await admin.createTicket({ project: 'SCR', title: `Card ${i}` })
    const { page, context } = await as('admin')
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto('/p/SCR/board')
    await card(page, 'SCR-T-1').waitFor()
    const scroller = page.locator('section.lane[data-stage="design"] .lane-scroll')
    expect(await page.evaluate('window.scrollY')).toBe(0)
    const box = await scroller.boundingBox()
    const from = await card(page, 'SCR-T-1').boundingBox()
    if (!box || !from) throw new Error('lane not visible')
    // Run in the page: the lane's scroll position and room, and the page's.
    const metrics = (): Promise<{ top: number; room: number; page: number }> =>
      page.evaluate(`(() => {
        const el = document.querySelector('section.lane[data-stage="design"] .lane-scroll')
        return { top: el.scrollTop, room: el.scrollHeight - el.clientHeight, page: window.scrollY }
      })()`)
    const frames = (n: number) =>
      page.evaluate(`new Promise((done) => {
        const step = (left) => (left ? requestAnimationFrame(() => step(left - 1)) : done())
        step(${n})
      })`)
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
    await page.mouse.down()
    await page.mouse.move(from.x + from.width / 2 + 8, from.y + from.height / 2 + 8, { steps: 3 })
    // Into the lane's bottom edge, then still.
    const bottom = Math.min(box.y + box.height, 800)
    await page.mouse.move(box.x + box.width / 2, bottom - 12, { steps: 8 })
    // The lane settles: the same scroll position a few frames apart.
    let last = -1
    await expect
      .poll(async () => {
        const now = (await metrics()).top
        const same = now === last
        last = now
        await frames(5)
        return same
      })
      .toBe(true)
    await frames(30)
    const settled = await metrics()
    expect(settled.top).toBe(last)
    // It stopped because the pointer did, not because the lane ran out of cards.
    expect(settled.top).toBeLessThan(settled.room - 1)
    // The page under the board did not scroll the lane away from the pointer either.
    expect(settled.page).toBe(0)
    await page.mouse.up()
    await context.close()
  })
})
