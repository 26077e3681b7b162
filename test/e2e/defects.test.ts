/**
 * The defects issue 16 lists under "Defects seen", each as the journey that showed it, in
 * Chromium against the real server.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { HttpService } from '../../src/client/http-service.ts'
import { signInPage } from './support/browser.ts'
import { MEMBER_PASSWORD, webHarness } from './support/harness.ts'
import { ADMIN_PASSWORD, startWebServer } from './support/web-server.ts'

let admin: HttpService
const harness = webHarness(async (a) => {
  admin = a
  await admin.createProject({ prefix: 'DEF', title: 'Defects', visibility: 'private' })
  await admin.createProject({ prefix: 'SHUT', title: 'Closed one', visibility: 'private' })
  for (const username of ['vera', 'nina', 'eddie'])
    await admin.createUser({ username, password: MEMBER_PASSWORD })
  await admin.addProjectMember('DEF', { username: 'vera', role: 'viewer' })
  await admin.addProjectMember('DEF', { username: 'eddie', role: 'editor' })
  await admin.createTicket({ project: 'SHUT', title: 'In a closed project' })
  await admin.updateProject('SHUT', { status: 'closed' })
})
const as = harness.as
const focused = (page: Page) =>
  page.evaluate<string | null>('document.activeElement?.dataset.card ?? null')
const card = (page: Page, key: string) => page.locator(`li.card[data-key="${key}"]`)

describe('issue 16 defects, in Chromium', () => {
  it('1. chat ends the turn when the LLM command cannot start, and the next message is sent', async () => {
    const broken = await startWebServer({ chatCommand: '/nonexistent/llm-command' })
    try {
      const api = await broken.api()
      await api.setChatSettings({ chat_enabled: true })
      const { page, context } = await signInPage(
        harness.browser,
        broken.url,
        'admin',
        ADMIN_PASSWORD,
      )
      await page.goto('/chat')
      const input = page.getByLabel(/^Message/)
      await expect.poll(() => input.isEnabled()).toBe(true)
      await input.fill('first')
      await input.press('Enter')
      await page.locator('.bubble.system', { hasText: 'unable to start' }).waitFor()
      await expect.poll(() => page.getByText('Thinking…').count()).toBe(0)
      await input.fill('second')
      await expect.poll(() => page.getByRole('button', { name: 'Send' }).isEnabled()).toBe(true)
      await input.press('Enter')
      await page.locator('.bubble.user', { hasText: 'second' }).waitFor()
      await expect.poll(() => page.locator('.bubble.system').count()).toBe(2)
      await context.close()
    } finally {
      await broken.close()
    }
  })

  it('2. a viewer, and anyone on a closed project, is not offered New ticket or c', async () => {
    const viewer = await as('vera')
    await viewer.page.goto('/p/DEF/board')
    await viewer.page.getByRole('heading', { name: 'DEF board' }).waitFor()
    // DEF has no tickets yet: the board is read once its empty state shows (no call to action
    // for a viewer either).
    await viewer.page.getByText('No open tickets yet').waitFor()
    expect(await viewer.page.getByRole('button', { name: 'New ticket' }).count()).toBe(0)
    await viewer.page.locator('body').press('c')
    expect(await viewer.page.getByRole('dialog').count()).toBe(0)
    await viewer.context.close()

    const owner = await as('admin')
    await owner.page.goto('/p/SHUT/board')
    await card(owner.page, 'SHUT-T-1').waitFor()
    expect(await owner.page.getByRole('button', { name: 'New ticket' }).count()).toBe(0)
    await owner.page.locator('body').press('c')
    expect(await owner.page.getByRole('dialog').count()).toBe(0)
    await owner.context.close()
  })

  it('3. a non-member sees one not-found page, without tabs, loading text or New ticket', async () => {
    const { page, context } = await as('nina')
    await page.goto('/p/DEF/board')
    await page.getByRole('heading', { name: 'Project not found' }).waitFor()
    expect(await page.getByText('Loading tickets…').count()).toBe(0)
    expect(await page.getByRole('navigation', { name: 'Project views' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: 'New ticket' }).count()).toBe(0)
    await context.close()
  })

  it('4. after d the next card has focus, and u undoes from anywhere on the board', async () => {
    const keys: string[] = []
    for (const title of ['Undo one', 'Undo two', 'Undo three'])
      keys.push((await admin.createTicket({ project: 'DEF', title })).key)
    const { page, context } = await as('admin')
    page.on('dialog', (d) => void d.accept())
    await page.goto('/p/DEF/board')
    // Newest first: three, two, one.
    const [, second, third] = keys as [string, string, string]
    await card(page, third).locator('a').focus()
    await page.keyboard.press('d')
    await expect.poll(async () => (await admin.getTicket(third)).archived).toBe(true)
    await expect.poll(() => focused(page)).toBe(second)
    await page.locator('h1').click()
    await page.keyboard.press('u')
    await expect.poll(async () => (await admin.getTicket(third)).archived).toBe(false)
    await card(page, third).waitFor()
    await context.close()
  })

  it('5a. the time form keeps what was typed when the server refuses it', async () => {
    const t = await admin.createTicket({ project: 'DEF', title: 'Log time here' })
    const { page, context } = await as('admin')
    await page.goto(`/t/${t.key}`)
    await page.getByLabel('Minutes').fill('20000')
    await page.getByLabel('Note', { exact: true }).fill('a very long week')
    await page.getByRole('button', { name: 'Log time', exact: true }).click()
    await page.getByRole('alert').filter({ hasText: 'more than a week' }).waitFor()
    expect(await page.getByLabel('Minutes').inputValue()).toBe('20000')
    expect(await page.getByLabel('Note', { exact: true }).inputValue()).toBe('a very long week')
    await context.close()
  })

  it('5b. bulk Assign keeps the selection', async () => {
    const a = await admin.createTicket({ project: 'DEF', title: 'Bulk one' })
    const b = await admin.createTicket({ project: 'DEF', title: 'Bulk two' })
    const { page, context } = await as('admin')
    await page.goto('/p/DEF/list')
    await page.getByRole('checkbox', { name: `Select ${a.key}` }).check()
    await page.getByRole('checkbox', { name: `Select ${b.key}` }).check()
    await page.getByLabel('Assign selected to').fill('eddie')
    await page.getByRole('button', { name: 'Assign', exact: true }).click()
    await expect.poll(async () => (await admin.getTicket(b.key)).assignee).toBe('eddie')
    await expect.poll(() => page.locator('fieldset.bulk legend').textContent()).toBe('2 selected')
    expect(await page.getByRole('checkbox', { name: `Select ${a.key}` }).isChecked()).toBe(true)
    await context.close()
  })

  it('5c. an unsaved description asks before navigation drops it; Escape cancels the edit', async () => {
    const t = await admin.createTicket({ project: 'DEF', title: 'Describe me' })
    const { page, context } = await as('admin')
    await page.goto(`/t/${t.key}`)
    await page.getByRole('button', { name: 'Edit Description' }).click()
    await page.getByRole('textbox', { name: 'Description' }).fill('Half written')
    const asked: string[] = []
    page.on('dialog', (d) => {
      asked.push(d.message())
      void d.dismiss()
    })
    await page.getByRole('link', { name: 'DEF board' }).click()
    await expect.poll(() => asked.length).toBe(1)
    expect(page.url()).toContain(`/t/${t.key}`)
    expect(await page.getByRole('textbox', { name: 'Description' }).inputValue()).toBe(
      'Half written',
    )
    page.removeAllListeners('dialog')
    page.on('dialog', (d) => void d.accept())
    await page.getByRole('textbox', { name: 'Description' }).press('Escape')
    await expect.poll(() => page.getByRole('textbox', { name: 'Description' }).count()).toBe(0)
    expect((await admin.getTicket(t.key)).description).toBe('')
    await context.close()
  })

  it('6. an opened story and a team each have their own address', async () => {
    const story = await admin.createStory({ project: 'DEF', title: 'A story with an address' })
    await admin.createTeam({ name: 'crew' })
    const { page, context } = await as('admin')
    await page.goto('/p/DEF/stories')
    await page.getByRole('link', { name: 'A story with an address' }).click()
    await page.waitForURL(`**/p/DEF/stories/${story.id}`)
    await page.reload()
    await page.getByRole('heading', { name: 'A story with an address' }).waitFor()

    await page.goto('/admin/teams')
    await page.getByRole('link', { name: 'crew', exact: true }).click()
    await page.waitForURL('**/admin/teams/crew')
    await page.reload()
    await page.getByRole('heading', { name: 'Team crew' }).waitFor()
    await context.close()
  })

  it('7. analyse shows the proposal; the user edits, drops and accepts children', async () => {
    const epic = await admin.createTicket({ project: 'DEF', title: 'Big epic', type: 'epic' })
    const { page, context } = await as('admin')
    await page.goto(`/t/${epic.key}`)
    await page.getByRole('button', { name: 'Analyse into child tickets' }).click()
    const first = page.getByRole('textbox', { name: 'Title of proposal 1' })
    await first.waitFor()
    expect(await first.inputValue()).toBe('Proposed child one')
    expect((await admin.getTicket(epic.key)).children).toHaveLength(0)
    await first.fill('Edited child one')
    await page.getByRole('checkbox', { name: 'Keep proposal 2' }).uncheck()
    await page.getByRole('button', { name: 'Create 1 ticket' }).click()
    await expect
      .poll(async () => (await admin.getTicket(epic.key)).children.map((c) => c.title))
      .toEqual(['Edited child one'])
    await context.close()
  })

  it('8. no GET is sent twice, a new label does not 404 first, the live URL has no token', async () => {
    const t = await admin.createTicket({ project: 'DEF', title: 'Count my requests' })
    const { page, context } = await as('admin')
    const gets: string[] = []
    const missing: string[] = []
    const sockets: string[] = []
    page.on('request', (r) => {
      if (r.method() === 'GET') gets.push(new URL(r.url()).pathname)
    })
    page.on('response', (r) => {
      if (r.status() === 404) missing.push(`${r.request().method()} ${r.url()}`)
    })
    page.on('websocket', (ws) => sockets.push(ws.url()))
    await page.goto('/p/NOPE/board')
    await page.getByRole('heading', { name: 'Project not found' }).waitFor()
    expect(gets.filter((p) => p === '/api/projects/NOPE')).toHaveLength(1)

    gets.length = 0
    missing.length = 0
    await page.goto('/p/DEF/board')
    await card(page, t.key).waitFor()
    expect(gets.filter((p) => p === '/api/projects/DEF')).toHaveLength(1)
    await expect.poll(() => sockets.length).toBeGreaterThan(0)
    for (const url of sockets) expect(url).not.toContain('token=')

    await page.goto(`/t/${t.key}`)
    await page.getByLabel('Add a label').fill('brand-new-label')
    await page.getByRole('button', { name: 'Add label' }).click()
    await page.locator('.chips .badge.label', { hasText: 'brand-new-label' }).waitFor()
    expect(missing).toEqual([])
    await context.close()
  })

  it('9. an agent is shown by its name, not its UUID', async () => {
    const { agent } = await admin.createAgent({ display_name: 'Build bot' })
    const { page, context } = await as('admin')
    await page.goto('/admin/agents')
    await page.getByRole('button', { name: 'Disable Build bot' }).waitFor()
    expect(await page.getByRole('button', { name: `Disable ${agent.username}` }).count()).toBe(0)

    const t = await admin.createTicket({ project: 'DEF', title: 'For the bot' })
    await admin.addProjectMember('DEF', { username: agent.username, role: 'editor' })
    await admin.assign(t.key, agent.username)
    await page.goto(`/t/${t.key}`)
    await page.getByText('assigned to Build bot').waitFor()
    await page.locator('.badge.who', { hasText: '@Build bot' }).first().waitFor()
    expect(await page.locator('main').textContent()).not.toContain(agent.username)
    await context.close()
  })

  it('10. history says the description changed instead of quoting both versions', async () => {
    const t = await admin.createTicket({ project: 'DEF', title: 'Long text' })
    await admin.updateTicket(t.key, { description: `First version ${'x'.repeat(200)}` })
    await admin.updateTicket(t.key, { description: `Second version ${'y'.repeat(200)}` })
    const { page, context } = await as('admin')
    await page.goto(`/t/${t.key}`)
    const history = page.locator('.conversation li.event')
    await expect.poll(() => history.count()).toBeGreaterThanOrEqual(3)
    const text = (await history.allTextContents()).join('\n')
    expect(text).toContain('changed description')
    expect(text).not.toContain('First version')
    await context.close()
  })
})
