import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { launchBrowser } from './support/browser.ts'
import { ADMIN_PASSWORD, startWebServer, type WebServer } from './support/web-server.ts'

/**
 * Screenshots of every main screen at desktop (1280×800) and phone (390×844) size, light and
 * dark, into test/e2e/screenshots/, for a person to look at. Only when asked (SCREENSHOTS=1):
 * a plain test run writes nothing, so a clean checkout stays clean.
 */
const SHOTS = new URL('./screenshots/', import.meta.url).pathname

const SIZES = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const

const SCREENS = [
  ['projects', '/', 'Projects'],
  ['board', '/p/SHOP/board', 'SHOP board'],
  ['list', '/p/SHOP/list', 'SHOP list'],
  ['ticket', '/t/SHOP-B-2', 'Checkout rejects cards with a space in the number'],
  ['hierarchy', '/p/SHOP/tree', 'SHOP hierarchy'],
  ['graph', '/p/SHOP/graph', 'SHOP graph'],
  ['stories', '/p/SHOP/stories', 'SHOP stories'],
  ['requirements', '/p/SHOP/requirements', 'SHOP requirements'],
  ['settings', '/p/SHOP/settings', 'SHOP settings'],
  ['search', '/search?q=checkout', 'Search: checkout'],
  ['chat', '/chat', 'Chat'],
  ['admin-users', '/admin/users', 'Users'],
  ['admin-agents', '/admin/agents', 'Agents'],
  ['admin-teams', '/admin/teams', 'Teams'],
  ['admin-roles', '/admin/roles', 'Roles'],
  ['admin-workflows', '/admin/workflows', 'Workflows'],
  ['admin-settings', '/admin/settings', 'Settings'],
  ['empty-filter', '/p/SHOP/board?q=nothing-like-this', 'SHOP board'],
  ['empty-board', '/p/OPS/board', 'OPS board'],
  ['empty-list', '/p/OPS/list', 'OPS list'],
  ['empty-search', '/search?q=nothing-like-this', 'Search: nothing-like-this'],
  ['not-found', '/no/such/page', 'Page not found'],
  ['project-not-found', '/p/NOPE/board', /not found/i],
] as const

let server: WebServer
let browser: Browser

/** Writes one screen to test/e2e/screenshots/, and only when asked. */
async function shot(page: Page, name: string) {
  if (process.env.SCREENSHOTS !== '1') return
  await page.screenshot({ path: `${SHOTS}${name}.png` })
}

beforeAll(async () => {
  if (process.env.SCREENSHOTS !== '1') return
  server = await startWebServer()
  browser = await launchBrowser()
  const admin = await server.api()
  for (const [username, display_name] of [
    ['maria', 'Maria Lopez'],
    ['sam', 'Sam Okafor'],
  ] as const)
    await admin.createUser({ username, password: `${username}-password`, display_name } as never)
  await admin.createProject({
    prefix: 'SHOP',
    title: 'Web shop',
    description: 'The customer-facing shop: catalogue, cart and checkout.',
  })
  await admin.createProject({ prefix: 'OPS', title: 'Operations' })
  await admin.createProject({ prefix: 'MOB', title: 'Mobile app', visibility: 'private' })
  for (const u of ['maria', 'sam'])
    await admin.addProjectMember('SHOP', { username: u, role: 'editor' })
  for (const [name, color] of [
    ['frontend', '#2f6fd6'],
    ['payments', '#1a7f37'],
    ['urgent', '#c0262d'],
    ['ux', 'purple'],
  ] as const)
    await admin.createLabel({ project: 'SHOP', name, color })
  const epic = await admin.createTicket({ project: 'SHOP', title: 'Checkout v2', type: 'epic' })
  const tickets = [
    [
      'Checkout rejects cards with a space in the number',
      'bug',
      1,
      'maria',
      ['payments', 'urgent'],
    ],
    ['Show delivery estimates on the product page', 'task', 3, 'sam', ['frontend', 'ux']],
    ['Persist the cart across devices', 'story', 2, null, ['frontend']],
    ['Spike: compare payment providers for Europe', 'spike', 4, 'admin', ['payments']],
    [
      'Cart badge does not update after removing the last item from a long list',
      'bug',
      2,
      'maria',
      ['frontend'],
    ],
    ['Write the refund policy page', 'chore', 5, null, []],
    ['Apple Pay button', 'task', 3, 'sam', ['payments', 'frontend']],
    ['Decide on address autocomplete provider', 'decision', 3, null, ['ux']],
  ] as const
  const keys: string[] = []
  for (const [title, type, priority, who, labels] of tickets) {
    const t = await admin.createTicket({
      project: 'SHOP',
      title,
      type,
      priority,
      ...(type === 'decision' ? {} : { parent: epic.key }),
      description:
        type === 'bug'
          ? 'Steps:\n\n1. Add any item to the cart\n2. Pay with `4242 4242 4242 4242`\n\nThe form says **invalid number**.'
          : '',
    })
    keys.push(t.key)
    if (who) await admin.assign(t.key, who)
    for (const l of labels) await admin.addLabel(t.key, l)
  }
  await admin.setStage(keys[1]!, 'develop')
  await admin.setState(keys[1]!, 'active')
  await admin.setStage(keys[3]!, 'develop')
  await admin.setStage(keys[4]!, 'test')
  await admin.setState(keys[4]!, 'fail')
  await admin.setStage(keys[6]!, 'done')
  await admin.addDependency(keys[0]!, keys[3]!)
  await admin.addComment(
    keys[0]!,
    'Reproduced on Firefox and Safari; the number is trimmed on the server.',
  )
  await admin.logTime({ ticket: keys[0]!, minutes: 45, note: 'reproduce' })
  await admin.createStory({ project: 'SHOP', title: 'Faster checkout' })
  for (const title of ['A card number may contain spaces', 'Refunds within 14 days'])
    await admin.createTicket({ project: 'SHOP', title, type: 'requirement' })
  await admin.createTeam({ name: 'payments' })
  await admin.createAgent({ display_name: 'Triage bot' } as never)
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function signIn(page: Page) {
  await page.goto('/')
  await page.getByLabel('Username').fill('admin')
  await page.getByLabel('Password').fill(ADMIN_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { name: 'Projects' }).waitFor()
}

describe.skipIf(process.env.SCREENSHOTS !== '1')('screenshots (SCREENSHOTS=1)', () => {
  for (const [size, viewport] of Object.entries(SIZES))
    for (const scheme of ['light', 'dark'] as const)
      it(`of every main screen, ${size}, ${scheme}`, async () => {
        const context = await browser.newContext({
          baseURL: server.url,
          viewport,
          colorScheme: scheme,
          ...(size === 'phone' ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
        })
        const page = await context.newPage()
        await page.goto('/')
        await page.getByRole('button', { name: 'Sign in' }).waitFor()
        await shot(page, `${size}-${scheme}-sign-in`)
        await signIn(page)
        for (const [name, path, heading] of SCREENS) {
          await page.goto(path)
          await page.getByRole('heading', { name: heading }).first().waitFor()
          await page.waitForLoadState('networkidle')
          // The graph is laid out after its data arrives: wait for the boxes, not just the heading.
          if (name === 'graph') await page.locator('.react-flow__node').first().waitFor()
          await shot(page, `${size}-${scheme}-${name}`)
        }
        await page.goto('/p/SHOP/board')
        await page.getByRole('heading', { name: 'SHOP board' }).waitFor()
        await page.keyboard.press('Control+k')
        await page.getByRole('combobox', { name: 'Command palette' }).fill('checkout')
        await page.getByRole('option', { name: /SHOP-B-2/ }).waitFor()
        await shot(page, `${size}-${scheme}-palette`)
        await page.keyboard.press('Escape')
        if (size === 'phone') {
          await page.getByRole('button', { name: 'Navigation' }).click()
          await page.getByRole('complementary', { name: 'Navigation' }).waitFor()
          await shot(page, `${size}-${scheme}-menu`)
        }
        await context.close()
      }, 180_000)
})
