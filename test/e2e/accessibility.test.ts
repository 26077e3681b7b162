import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, signInPage } from './support/browser.ts'
import { ADMIN_PASSWORD, startWebServer, type WebServer } from './support/web-server.ts'

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

type Violation = { id: string; impact: string | null; help: string; nodes: { target: unknown }[] }

/** Runs axe-core on the page and returns the serious and critical violations. */
async function scan(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE })
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } })
      .axe
    return (await axe.run()).violations
  })
  return (violations as Violation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`,
    )
}

let server: WebServer
let browser: Browser

beforeAll(async () => {
  server = await startWebServer()
  browser = await launchBrowser()
  const admin = await server.api()
  await admin.createProject({ prefix: 'AX', title: 'Accessible' })
  const epic = await admin.createTicket({ project: 'AX', title: 'An epic', type: 'epic' })
  const t = await admin.createTicket({
    project: 'AX',
    title: 'A task',
    parent: epic.key,
    description: '# Heading\n\nSome *text* and a [link](https://example.org).',
  })
  const other = await admin.createTicket({ project: 'AX', title: 'Another', type: 'bug' })
  await admin.addDependency(t.key, other.key)
  await admin.addComment(t.key, 'A comment')
  await admin.createTicket({ project: 'AX', title: 'A requirement', type: 'requirement' })
  await admin.createStory({ project: 'AX', title: 'A story' })
  await admin.createTeam({ name: 'core' })
  await admin.createProject({ prefix: 'AXE', title: 'Empty' })
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const PAGES = [
  ['projects', '/', 'Projects'],
  ['board', '/p/AX/board', 'AX board'],
  ['list', '/p/AX/list', 'AX list'],
  ['hierarchy', '/p/AX/tree', 'AX hierarchy'],
  ['graph', '/p/AX/graph', 'AX graph'],
  ['empty board', '/p/AXE/board', 'AXE board'],
  ['empty list', '/p/AXE/list', 'AXE list'],
  ['ticket', '/t/AX-T-2', 'A task'],
  ['project settings', '/p/AX/settings', 'AX settings'],
  ['stories', '/p/AX/stories', 'AX stories'],
  ['requirements', '/p/AX/requirements', 'AX requirements'],
  ['search', '/search?q=task', 'Search: task'],
  ['search without matches', '/search?q=nothing-like-this', 'Search: nothing-like-this'],
  ['page not found', '/no/such/page', 'Page not found'],
  ['project not found', '/p/NOPE/board', 'Project not found'],
  ['chat', '/chat', 'Chat'],
  ['admin users', '/admin/users', 'Users'],
  ['admin agents', '/admin/agents', 'Agents'],
  ['admin teams', '/admin/teams', 'Teams'],
  ['admin roles', '/admin/roles', 'Roles'],
  ['admin workflows', '/admin/workflows', 'Workflows'],
  ['admin settings', '/admin/settings', 'Settings'],
] as const

describe('accessibility (axe-core, serious and critical)', () => {
  it('has none on the sign-in page', async () => {
    const context = await browser.newContext({ baseURL: server.url, bypassCSP: true })
    const page = await context.newPage()
    await page.goto('/')
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    expect(await scan(page)).toEqual([])
    await context.close()
  })

  for (const scheme of ['light', 'dark'] as const)
    it(`has none on the main pages in the ${scheme} theme`, async () => {
      const { context, page } = await signInPage(browser, server.url, 'admin', ADMIN_PASSWORD, {
        bypassCSP: true,
      })
      await page.emulateMedia({ colorScheme: scheme })
      const found: Record<string, string[]> = {}
      for (const [name, path, heading] of PAGES) {
        await page.goto(path)
        await page.getByRole('heading', { name: heading }).first().waitFor()
        // Lists and conversations load after the heading; scan what the user will see.
        await page.waitForLoadState('networkidle')
        // The graph draws its boxes after layout: scan them, not an empty canvas.
        if (name === 'graph') await page.locator('.react-flow__node').first().waitFor()
        const v = await scan(page)
        if (v.length) found[name] = v
      }
      expect(found).toEqual({})
      await context.close()
      // Some twenty pages, each scanned by axe: well within this on a quiet machine.
    }, 180_000)
})
