import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { HttpService } from '../../src/client/http-service.ts'
import { SHOWN } from '../support/poll.ts'
import { MEMBER_PASSWORD, webHarness } from './support/harness.ts'

let admin: HttpService
const harness = webHarness(async (a) => {
  admin = a
})
const as = harness.as

const lane = (page: Page, stage: string) => page.locator(`section.lane[data-stage="${stage}"]`)
const card = (page: Page, key: string) => page.locator(`li.card[data-key="${key}"]`)

async function drag(page: Page, from: string, toStage: string) {
  const a = await card(page, from).boundingBox()
  const b = await lane(page, toStage).boundingBox()
  if (!a || !b) throw new Error('card or lane not visible')
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2)
  await page.mouse.down()
  // dnd-kit starts a drag only after the pointer has moved a few pixels.
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 10, { steps: 3 })
  await page.mouse.move(b.x + b.width / 2, b.y + 60, { steps: 12 })
  await page.mouse.up()
}

describe('web app in Chromium', () => {
  it('signs in, creates a project and a ticket from the keyboard', async () => {
    const { page, context } = await as('admin')
    await page.getByLabel('Prefix').fill('WEB')
    await page.getByLabel('Title').fill('Web project')
    await page.getByRole('button', { name: 'Create project' }).click()
    await page.waitForURL('**/p/WEB/board')
    // A new project's board is its empty state alone, lanes come with the first ticket.
    await page.getByText('No open tickets yet').waitFor()
    expect(await lane(page, 'design').count()).toBe(0)

    await page.locator('body').press('c')
    const dialog = page.getByRole('dialog', { name: 'New ticket in WEB' })
    await dialog.getByLabel('Title').fill('First ticket from the web')
    await dialog.getByRole('button', { name: 'Create' }).click()
    await page.waitForURL('**/t/WEB-T-1')
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('First ticket from the web')
    await context.close()
  })

  it('moves a dragged card in a second browser live, without reload', async () => {
    await admin.createTicket({ project: 'WEB', title: 'Drag me' })
    const one = await as('admin')
    const two = await as('admin')
    await one.page.goto('/p/WEB/board')
    await two.page.goto('/p/WEB/board')
    await card(one.page, 'WEB-T-2').waitFor()
    await card(two.page, 'WEB-T-2').waitFor()
    await expect.poll(() => two.page.locator('.live').textContent()).toBe('live')

    await drag(one.page, 'WEB-T-2', 'develop')
    await lane(one.page, 'develop')
      .locator('li.card[data-key="WEB-T-2"]')
      .waitFor({ timeout: 2000 })
    // quality.md: another open browser shows the move within a second.
    await lane(two.page, 'develop')
      .locator('li.card[data-key="WEB-T-2"]')
      .waitFor({ timeout: 1500 })
    expect((await admin.getTicket('WEB-T-2')).stage).toBe('develop')
    await one.context.close()
    await two.context.close()
  })

  it("sets stage and state with one drop on a lane's state target", async () => {
    const t = await admin.createTicket({ project: 'WEB', title: 'Drop on a state' })
    const { page, context } = await as('admin')
    await page.goto('/p/WEB/board')
    const from = await card(page, t.key).boundingBox()
    if (!from) throw new Error('card not visible')
    await page.mouse.move(from.x + 20, from.y + 20)
    await page.mouse.down()
    await page.mouse.move(from.x + 30, from.y + 30, { steps: 3 })
    const target = page.locator('section.lane[data-stage="develop"] li.state-target', {
      hasText: 'fail',
    })
    const box = await target.boundingBox()
    if (!box) throw new Error('state target not shown while dragging')
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 10 })
    await page.mouse.up()
    await expect.poll(async () => (await admin.getTicket(t.key)).status).toBe('develop/fail')
    await card(page, t.key).locator('.badge.state-fail').waitFor()
    await admin.setFlag(t.key, 'archived', true)
    await context.close()
  })

  it('moves a card with Shift+arrow keys and undoes it with u', async () => {
    const { page, context } = await as('admin')
    await page.goto('/p/WEB/board')
    await card(page, 'WEB-T-2').locator('a').focus()
    await page.keyboard.press('Shift+ArrowRight')
    await lane(page, 'test').locator('li.card[data-key="WEB-T-2"]').waitFor()
    expect(await page.evaluate('document.activeElement?.dataset.card')).toBe('WEB-T-2')
    await expect.poll(async () => (await admin.getTicket('WEB-T-2')).stage).toBe('test')
    await page.keyboard.press('u')
    await lane(page, 'develop').locator('li.card[data-key="WEB-T-2"]').waitFor()
    await expect.poll(async () => (await admin.getTicket('WEB-T-2')).stage).toBe('develop')
    // The undone card takes focus back once its lane re-renders; j and k start from there.
    await expect.poll(() => page.evaluate('document.activeElement?.dataset.card')).toBe('WEB-T-2')
    await page.keyboard.press('j')
    await page.keyboard.press('k')
    expect(await page.evaluate('document.activeElement?.dataset.card')).toBe('WEB-T-2')
    await page.keyboard.press('?')
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor()
    await page.keyboard.press('Escape')
    expect(await page.getByRole('dialog').count()).toBe(0)
    await context.close()
  })

  it('edits a title in place, comments, and shows a dependency as a blocked marker', async () => {
    const { page, context } = await as('admin')
    await page.goto('/t/WEB-T-1')
    await page.getByRole('button', { name: /Edit title/ }).click()
    await page.getByLabel('Title', { exact: true }).fill('Renamed in place')
    await page.getByLabel('Title', { exact: true }).press('Enter')
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('Renamed in place')
    expect((await admin.getTicket('WEB-T-1')).title).toBe('Renamed in place')

    await page.getByLabel('Comment (Markdown)').fill('Looks **good** to me')
    await page.getByRole('button', { name: 'Comment', exact: true }).click()
    await page.locator('.conversation li.comment strong', { hasText: 'good' }).waitFor()

    await page.getByLabel('Add a dependency').fill('WEB-T-2')
    await page.getByRole('button', { name: 'Add dependency' }).click()
    await page.getByText('Blocked by WEB-T-2').first().waitFor()
    await page
      .getByText(/changed title from “First ticket from the web” to “Renamed in place”/)
      .waitFor()

    await page.goto('/p/WEB/board')
    await card(page, 'WEB-T-1').locator('.badge.blocked').waitFor()
    await context.close()
  })

  it('claims, idles, starts, completes, archives and deletes a ticket from its page', async () => {
    const t = await admin.createTicket({ project: 'WEB', title: 'Work on me' })
    const { page, context } = await as('admin')
    await page.goto(`/t/${t.key}`)
    await page.getByRole('button', { name: 'Claim' }).click()
    await page.getByText('@admin').first().waitFor()
    // A claim assigns and starts the ticket in one step.
    await expect.poll(async () => (await admin.getTicket(t.key)).status).toBe('design/active')
    await page.getByRole('button', { name: 'Idle' }).click()
    await expect.poll(async () => (await admin.getTicket(t.key)).state).toBe('idle')
    await page.getByRole('button', { name: 'Start' }).click()
    await expect.poll(async () => (await admin.getTicket(t.key)).state).toBe('active')
    await page.getByRole('button', { name: 'Complete' }).click()
    // domain.md "Lifecycle": success in a non-final stage advances to the next stage, idle.
    await expect.poll(async () => (await admin.getTicket(t.key)).status).toBe('develop/idle')
    await expect.poll(() => page.getByLabel('Stage').inputValue()).toBe('develop')
    await page.getByText(/stage design → develop/).waitFor()
    await page.getByRole('button', { name: 'Archive' }).click()
    await page.getByText('Archived: read-only until unarchived.').waitFor()
    await page.getByRole('button', { name: 'Unarchive' }).click()
    await page.getByRole('button', { name: 'Complete' }).waitFor()
    page.once('dialog', (d) => void d.accept())
    await page.getByRole('button', { name: 'Delete' }).click()
    await page.waitForURL('**/p/WEB/board')
    await expect(admin.getTicket(t.key)).rejects.toThrow(/not found/)
    await context.close()
  })

  it('labels a ticket and logs time on its page, and labels and closes tickets in bulk', async () => {
    const a = await admin.createTicket({ project: 'WEB', title: 'Bulk one' })
    const b = await admin.createTicket({ project: 'WEB', title: 'Bulk two' })
    const { page, context } = await as('admin')
    await page.goto(`/t/${a.key}`)
    await page.getByLabel('Add a label').fill('ui')
    await page.getByRole('button', { name: 'Add label' }).click()
    await page.getByRole('button', { name: 'Remove label ui' }).waitFor()
    await page.getByLabel('Minutes').fill('90')
    await page.getByLabel('Note').fill('pairing')
    await page.getByRole('button', { name: 'Log time' }).click()
    await page.getByText('Total: 1h 30m (90 min)').waitFor()
    await page.getByText(/logged 1h 30m \(pairing\)/).waitFor()

    await page.goto('/p/WEB/list?q=bulk')
    await page.getByLabel(`Select ${a.key}`).check()
    await page.getByLabel(`Select ${b.key}`).check()
    await page.getByLabel('Label selected').fill('batch')
    await page.getByRole('button', { name: 'Label', exact: true }).click()
    await expect.poll(async () => (await admin.getTicket(b.key)).labels).toEqual(['batch'])
    await page.getByLabel(`Select ${a.key}`).check()
    await page.getByLabel(`Select ${b.key}`).check()
    await page.getByRole('button', { name: 'Close selected' }).click()
    await expect.poll(async () => (await admin.getTicket(a.key)).open).toBe(false)
    expect((await admin.getTicket(a.key)).labels).toEqual(['batch', 'ui'])
    await context.close()
  })

  it('puts a ticket arriving live where the list’s sort puts it, and only in lists it matches', async () => {
    await admin.createProject({ prefix: 'SRT', title: 'Sorted' })
    for (const title of ['Alpha', 'Charlie', 'Echo'])
      await admin.createTicket({ project: 'SRT', title, type: 'bug' })
    const { page, context } = await as('admin')
    // The keys of the list's rows as shown, top to bottom (run in the page).
    const rows = (): Promise<string[]> =>
      page.evaluate(`[...document.querySelectorAll('table.tickets tbody a[data-row]')]
        .map((a) => ({ title: a.closest('tr').querySelector('.row-title').textContent, top: a.getBoundingClientRect().top }))
        .sort((a, b) => a.top - b.top)
        .map((x) => x.title)`)
    const byTitle = async () => {
      await page.getByRole('button', { name: 'Title', exact: true }).click()
      await expect
        .poll(
          () => page.getByRole('columnheader', { name: 'Title' }).getAttribute('aria-sort'),
          SHOWN,
        )
        .toBe('ascending')
    }
    await page.goto('/p/SRT/list')
    await page.getByRole('heading', { name: /SRT list/ }).waitFor()
    await expect.poll(rows, SHOWN).toHaveLength(3)
    await byTitle()
    await expect.poll(rows, SHOWN).toEqual(['Alpha', 'Charlie', 'Echo'])
    await expect.poll(() => page.locator('.live').textContent()).toBe('live')

    await admin.createTicket({ project: 'SRT', title: 'Bravo', type: 'bug' })
    await expect.poll(rows, SHOWN).toEqual(['Alpha', 'Bravo', 'Charlie', 'Echo'])
    // The server agrees: a fresh read in that order is the same.
    await page.reload()
    await expect.poll(rows, SHOWN).toHaveLength(4)
    await byTitle()
    await expect.poll(rows, SHOWN).toEqual(['Alpha', 'Bravo', 'Charlie', 'Echo'])

    // A list filtered to bugs takes a new bug, in its place, and not a new task.
    await page.goto('/p/SRT/list?type=bug')
    await expect.poll(rows, SHOWN).toHaveLength(4)
    await byTitle()
    await expect.poll(rows, SHOWN).toEqual(['Alpha', 'Bravo', 'Charlie', 'Echo'])
    await admin.createTicket({ project: 'SRT', title: 'Delta task', type: 'task' })
    await admin.createTicket({ project: 'SRT', title: 'Delta', type: 'bug' })
    await expect.poll(rows, SHOWN).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'])
    await context.close()
  })

  it('finds tickets with full-text search from the header', async () => {
    const found = await admin.createTicket({
      project: 'WEB',
      title: 'Unrelated',
      description: 'mentions the flamingo protocol',
    })
    const { page, context } = await as('admin')
    await page.goto('/p/WEB/board')
    await card(page, found.key).waitFor()
    // `/` opens the command palette; its first choice for typed words is to search for them.
    await page.locator('body').press('/')
    await page.getByRole('combobox', { name: 'Command palette' }).waitFor()
    await page.keyboard.type('flamingo')
    await page.getByRole('option', { name: /Search WEB for/ }).waitFor()
    await page.keyboard.press('Enter')
    await page.waitForURL('**/p/WEB/list?q=flamingo')
    const rows = page.locator('table.tickets tbody tr')
    await expect.poll(() => rows.count()).toBe(1)
    expect(await rows.first().textContent()).toContain(found.key)
    await context.close()
  })

  it('shows the agent password once when an admin creates an agent', async () => {
    const { page, context } = await as('admin')
    await page.goto('/admin/agents')
    await page.getByLabel('Agent name').fill('builder-1')
    await page.getByRole('button', { name: 'Create agent' }).click()
    const password = await page.getByTestId('once-password').textContent()
    expect(password?.length).toBeGreaterThan(10)
    await page.getByRole('button', { name: 'I have stored it' }).click()
    await page
      .getByRole('cell', { name: /builder-1/ })
      .first()
      .waitFor()
    expect(await page.content()).not.toContain(password)
    await page.reload()
    await page
      .getByRole('cell', { name: /builder-1/ })
      .first()
      .waitFor()
    expect(await page.content()).not.toContain(password)
    await context.close()
  })

  it('shows the project summary above the board and keeps it live', async () => {
    const { page, context } = await as('admin')
    await page.goto('/p/WEB/board')
    const summary = page.getByRole('region', { name: 'Summary' })
    await summary.getByText(/\d+ blocked/).waitFor()
    const before = Number((await summary.getByText(/open$/).textContent())?.match(/\d+/)?.[0])
    await admin.createTicket({ project: 'WEB', title: 'Counted live' })
    await expect
      .poll(async () => Number((await summary.getByText(/open$/).textContent())?.match(/\d+/)?.[0]))
      .toBe(before + 1)
    await context.close()
  })

  it('lets an admin manage users (and saves the admin page)', async () => {
    const { page, context } = await as('admin')
    await page.goto('/admin/users')
    await page.getByLabel('Username').fill('dora')
    await page.getByLabel('Password').fill('dora-password')
    await page.getByRole('button', { name: 'Create user' }).click()
    await page.getByRole('cell', { name: 'dora', exact: true }).waitFor()
    await page.getByRole('button', { name: 'Disable dora' }).click()
    await page.getByRole('button', { name: 'Enable dora' }).waitFor()
    await context.close()
  })

  it('gives a project a custom workflow whose stages become the board lanes', async () => {
    await admin.createProject({ prefix: 'FLOW', title: 'Flow' })
    // A board shows its lanes once the project has a ticket.
    await admin.createTicket({ project: 'FLOW', title: 'Flows along' })
    const { page, context } = await as('admin')
    await page.goto('/admin/workflows')
    await page.getByLabel('Name', { exact: true }).fill('triage')
    await page.getByLabel('Stages, in order, separated by commas').fill('inbox, doing, shipped')
    await page.getByRole('button', { name: 'Create workflow' }).click()
    await page.getByRole('heading', { name: 'triage' }).waitFor()
    // Drag the last stage to the top by its handle.
    const handle = (n: string) => page.getByRole('button', { name: `Move stage ${n}` }).last()
    // The pointer drags only what is on screen; the new workflow's card may start below it.
    await page.getByRole('heading', { name: 'triage' }).scrollIntoViewIfNeeded()
    await handle('shipped').scrollIntoViewIfNeeded()
    const from = await handle('shipped').boundingBox()
    const to = await page.getByRole('button', { name: 'Move stage inbox' }).boundingBox()
    if (!from || !to) throw new Error('stage handles not visible')
    await page.mouse.move(from.x + 5, from.y + 5)
    await page.mouse.down()
    await page.mouse.move(from.x + 5, from.y - 5, { steps: 3 })
    await page.mouse.move(to.x + 5, to.y - 4, { steps: 12 })
    await page.mouse.up()
    await expect
      .poll(async () => (await admin.getWorkflow('triage')).stages.map((x) => x.name))
      .toEqual(['shipped', 'inbox', 'doing'])
    await page.getByRole('button', { name: 'Move stage shipped' }).waitFor()
    await page.waitForLoadState('networkidle')
    await page.goto('/p/FLOW/settings')
    await page.getByRole('combobox', { name: 'Workflow' }).selectOption('triage')
    await expect.poll(async () => (await admin.getProject('FLOW')).workflow_id).not.toBeNull()
    await page.goto('/p/FLOW/board')
    await lane(page, 'shipped').waitFor()
    const laneNames: (string | null)[] = []
    for (const l of await page.locator('section.lane').all())
      laneNames.push(await l.getAttribute('data-stage'))
    expect(laneNames).toEqual(['shipped', 'inbox', 'doing'])
    await context.close()
  })

  it('reviews a requirement: accept one, reject another with a reason', async () => {
    const a = await admin.createTicket({
      project: 'WEB',
      title: 'Users can export',
      type: 'requirement',
    })
    const b = await admin.createTicket({
      project: 'WEB',
      title: 'Users can fly',
      type: 'requirement',
    })
    const { page, context } = await as('admin')
    await page.goto('/p/WEB/requirements')
    await page.getByRole('button', { name: `Accept ${a.key}` }).click()
    await expect.poll(async () => (await admin.getTicket(a.key)).review_status).toBe('accepted')
    page.once('dialog', (d) => void d.accept('out of scope'))
    await page.getByRole('button', { name: `Reject ${b.key}` }).click()
    await expect.poll(async () => (await admin.getTicket(b.key)).review_status).toBe('rejected')
    await context.close()
  })

  it('gives a viewer a read-only ticket page and board', async () => {
    await admin.createUser({ username: 'vic', password: MEMBER_PASSWORD })
    const owner = await as('admin')
    await owner.page.goto('/p/WEB/settings')
    await owner.page.getByLabel('Username').fill('vic')
    await owner.page
      .getByRole('combobox', { name: 'Role of the new member' })
      .selectOption('viewer')
    await owner.page.getByRole('button', { name: 'Add member' }).click()
    await owner.page.getByRole('button', { name: 'Remove vic' }).waitFor()
    await owner.context.close()
    const { page, context } = await as('vic')
    await page.goto('/t/WEB-T-1')
    await page.getByText('You can read this project but not change it.').waitFor()
    expect(await page.getByRole('button', { name: /Edit title/ }).count()).toBe(0)
    expect(await page.getByLabel('Comment (Markdown)').count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Complete' }).count()).toBe(0)
    await page.goto('/p/WEB/board')
    await card(page, 'WEB-T-2').waitFor()
    await drag(page, 'WEB-T-2', 'test')
    await page.waitForTimeout(300)
    expect((await admin.getTicket('WEB-T-2')).stage).toBe('develop')
    await context.close()
  })

  it('registers a new account once an admin allows registration', async () => {
    const { page, context } = await as('admin')
    await page.goto('/admin/settings')
    const allow = page.getByLabel('Allow new user registration')
    if (!(await allow.isChecked())) await allow.check()
    await expect.poll(async () => (await admin.status()).registration_enabled).toBe(true)
    await context.close()

    const fresh = await harness.browser.newContext({ baseURL: harness.server.url })
    const p = await fresh.newPage()
    await p.goto('/register')
    await p.getByRole('heading', { name: 'Create an account' }).waitFor()
    await p.getByLabel('Username').fill('reggie')
    await p.getByLabel('Password').fill('reggie-password')
    await p.getByRole('button', { name: 'Register' }).click()
    await p.getByText('Registered. You can now sign in.').waitFor()
    await p.getByLabel('Password').fill('reggie-password')
    await p.getByRole('button', { name: 'Sign in' }).click()
    await p.getByRole('heading', { name: 'Projects' }).waitFor()
    await p.getByRole('button', { name: 'Sign out' }).click()
    await p.getByRole('button', { name: 'Sign in' }).waitFor()
    // The session is gone on the server too, not just from the page.
    expect((await fresh.request.get('/api/status')).status()).toBe(200)
    expect(
      ((await (await fresh.request.get('/api/status')).json()) as { authenticated: boolean })
        .authenticated,
    ).toBe(false)
    await fresh.close()
  })

  it('chats with the LLM once an admin enables chat, with the answer streamed back', async () => {
    const { page, context } = await as('admin')
    await page.goto('/chat')
    await page.getByText('Chat is disabled by an administrator.').waitFor()
    await page.goto('/admin/settings')
    await page.getByLabel('Enable chat').check()
    await page.getByRole('button', { name: 'Save chat settings' }).click()
    await page.getByText('Saved.').waitFor()
    await page.goto('/chat')
    const input = page.getByLabel(/^Message/)
    await expect.poll(() => input.isEnabled()).toBe(true)
    await input.fill('hello from the web')
    await input.press('Enter')
    // The test server's chat command is `cat`: the answer is the prompt itself.
    await page.locator('.bubble.assistant', { hasText: 'hello from the web' }).waitFor()
    await context.close()
  })

  it('analyses an epic into child tickets', async () => {
    const epic = await admin.createTicket({ project: 'WEB', title: 'Big feature', type: 'epic' })
    const { page, context } = await as('admin')
    await page.goto(`/t/${epic.key}`)
    await page.getByRole('button', { name: 'Analyse into child tickets' }).click()
    await page.getByRole('button', { name: 'Create 2 tickets' }).click()
    await page.getByText(/Created 2 tickets/).waitFor()
    await page.getByText('Children (2)').waitFor()
    expect((await admin.getTicket(epic.key)).children.map((c) => c.title)).toEqual([
      'Proposed child one',
      'Proposed child two',
    ])
    await context.close()
  })

  it('hides a private project from a user who is not a member', async () => {
    await admin.createProject({ prefix: 'SEC', title: 'Secret', visibility: 'private' })
    await admin.createTicket({ project: 'SEC', title: 'Hidden plans' })
    await admin.createUser({ username: 'nora', password: MEMBER_PASSWORD })
    const { page, context } = await as('nora')
    await page.getByRole('heading', { name: 'Projects' }).waitFor()
    await page.getByRole('link', { name: /WEB/ }).first().waitFor()
    expect(await page.getByText('Secret').count()).toBe(0)
    await page.goto('/t/SEC-T-1')
    await page.getByRole('heading', { name: 'Ticket not found' }).waitFor()
    expect(await page.getByText('Hidden plans').count()).toBe(0)
    await context.close()
  })

  it('renders a title with markup as text', async () => {
    const evil = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">'
    const t = await admin.createTicket({ project: 'WEB', title: evil, description: evil })
    const { page, context } = await as('admin')
    await page.goto('/p/WEB/board')
    await card(page, t.key).waitFor()
    expect(await card(page, t.key).locator('.title').textContent()).toBe(evil)
    await page.goto(`/t/${t.key}`)
    await page.getByRole('heading', { level: 1 }).waitFor()
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(evil)
    expect(await page.locator('.markdown img, .markdown script').count()).toBe(0)
    expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined()
    await context.close()
  })

  it('keeps deep links across a reload', async () => {
    const { page, context } = await as('admin')
    await page.goto('/p/WEB/list?type=task')
    await page.reload()
    expect(await page.getByLabel('Type').inputValue()).toBe('task')
    await page.goto('/t/web-t-2')
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('Drag me')
    await context.close()
  })
})
