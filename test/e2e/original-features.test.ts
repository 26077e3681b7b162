/**
 * The features of the reference's web app that issue 16 lists as missing, each as a journey in
 * Chromium against the real server: health, workflow files, a project's repository, the agent
 * editor, the version, the view picker and recently used projects (the last two from the
 * sidebar).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { HttpService } from '../../src/client/http-service.ts'
import { MEMBER_PASSWORD, webHarness } from './support/harness.ts'

let admin: HttpService
const harness = webHarness(async (a) => {
  admin = a
  await admin.createProject({ prefix: 'ORI', title: 'Original features' })
  await admin.createProject({ prefix: 'ALT', title: 'Another project' })
  await admin.createProject({ prefix: 'ZED', title: 'Last project' })
  await admin.createUser({ username: 'rita', password: MEMBER_PASSWORD })
  await admin.addProjectMember('ORI', { username: 'rita', role: 'viewer' })
})
const as = harness.as

describe('features of the reference web app', () => {
  it('shows the health score on the card, and scores it on the ticket page', async () => {
    const scored = await admin.createTicket({ project: 'ORI', title: 'Scored by hand' })
    await admin.setHealth(scored.key, 3)
    const checked = await admin.createTicket({
      project: 'ORI',
      title: 'Scored by the checks',
      acceptance_criteria: 'It works',
    })
    const { page, context } = await as('admin')
    await page.goto('/p/ORI/board')
    const card = page.locator(`li.card[data-key="${scored.key}"]`)
    await expect.poll(() => card.locator('.health').textContent()).toBe('health 3/4')
    await expect.poll(() => card.locator('.health').getAttribute('title')).toContain('Good')

    await page.goto(`/t/${checked.key}`)
    const panel = page.getByRole('region', { name: 'Health' })
    await expect.poll(() => panel.textContent()).toContain('Not scored yet')
    await panel.getByRole('button', { name: 'Check health' }).click()
    // A task without a parent, with acceptance criteria, unreviewed, waiting at design/idle.
    await expect.poll(() => panel.locator('.health-score').textContent()).toBe('2 of 4 · Fair')
    const checks = panel.getByRole('list', { name: 'Health checks' })
    await expect.poll(() => checks.textContent()).toContain('Has acceptance criteria (met)')
    await expect.poll(() => checks.textContent()).toContain('An epic, or has a parent (not met)')
    expect((await admin.getTicket(checked.key)).health_score).toBe(2)

    await panel.getByLabel('Set health').selectOption('4')
    await expect.poll(() => panel.locator('.health-score').textContent()).toBe('4 of 4 · Excellent')
    await expect.poll(async () => (await admin.getTicket(checked.key)).health_score).toBe(4)
    await context.close()
  })

  it('exports a workflow as a JSON file and imports one', async () => {
    await admin.createWorkflow({
      name: 'review-flow',
      description: 'with review',
      stages: [{ name: 'write' }, { name: 'review' }, { name: 'ship' }],
    })
    const { page, context } = await as('admin')
    await page.goto('/admin/workflows')
    const downloaded = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export review-flow as JSON' }).click()
    const file = await downloaded
    expect(file.suggestedFilename()).toBe('workflow-review-flow.json')
    const saved = join(tmpdir(), `tk-wf-${process.pid}.json`)
    await file.saveAs(saved)
    const data = JSON.parse(readFileSync(saved, 'utf8'))
    expect(data).toEqual(await admin.exportWorkflow('review-flow'))

    const form = page.getByRole('form', { name: 'Import a workflow' })
    await form.getByLabel('Workflow JSON file').setInputFiles(saved)
    await form.getByLabel('Import as').fill('review-copy')
    await form.getByRole('button', { name: 'Import workflow' }).click()
    await expect.poll(() => form.getByRole('status').textContent()).toContain('review-copy')
    await page.getByRole('heading', { name: 'review-copy' }).waitFor()
    const copy = await admin.getWorkflow('review-copy')
    expect(copy.stages.map((s) => s.name)).toEqual(['write', 'review', 'ship'])

    // A file that is not JSON is refused in words, and nothing is sent.
    const bad = join(tmpdir(), `tk-wf-bad-${process.pid}.json`)
    writeFileSync(bad, 'not json at all')
    await form.getByLabel('Workflow JSON file').setInputFiles(bad)
    await form.getByRole('button', { name: 'Import workflow' }).click()
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('is not JSON')
    await context.close()
  })

  it("edits a project's git repository and branch in its settings", async () => {
    const { page, context } = await as('admin')
    await page.goto('/p/ORI/settings')
    const form = page.getByRole('form', { name: 'Project details' })
    await form.getByLabel('Git repository').fill('https://example.com/ori.git')
    await form.getByLabel('Git branch').fill('trunk')
    await form.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => form.getByRole('status').textContent()).toBe('Saved.')
    const p = await admin.getProject('ORI')
    expect([p.git_repository, p.git_branch]).toEqual(['https://example.com/ori.git', 'trunk'])
    await page.reload()
    await expect.poll(() => form.getByLabel('Git branch').inputValue()).toBe('trunk')
    await context.close()
  })

  it('edits an agent in its editor and deletes it', async () => {
    const { agent } = await admin.createAgent({ display_name: 'builder-one' })
    const { page, context } = await as('admin')
    await page.goto('/admin/agents')
    await page.getByRole('button', { name: 'Edit builder-one' }).click()
    const editor = page.getByRole('dialog', { name: 'Edit agent builder-one' })
    await editor.getByLabel('Display name').fill('builder-renamed')
    await editor.getByLabel('Description').fill('Builds and tests the web app')
    await editor.getByLabel('New password').fill('a-new-agent-password')
    await editor.getByRole('button', { name: 'Save agent' }).click()
    await page.getByRole('button', { name: 'Edit builder-renamed' }).waitFor()
    await page.getByText('Builds and tests the web app').waitFor()
    expect((await admin.listAgents()).find((a) => a.id === agent.id)?.description).toBe(
      'Builds and tests the web app',
    )
    const agentApi = await harness.server.api(agent.username, 'a-new-agent-password')
    expect((await agentApi.status()).user?.username).toBe(agent.username)

    page.on('dialog', (d) => d.accept())
    await page.getByRole('button', { name: 'Edit builder-renamed' }).click()
    await page
      .getByRole('dialog', { name: 'Edit agent builder-renamed' })
      .getByRole('button', { name: 'Delete agent' })
      .click()
    await expect
      .poll(() => page.getByRole('button', { name: 'Edit builder-renamed' }).count())
      .toBe(0)
    expect((await admin.listAgents()).some((a) => a.id === agent.id)).toBe(false)
    await context.close()
  })

  it('shows the server version to a user who is not an admin', async () => {
    const { page, context } = await as('rita')
    await expect
      .poll(() => page.getByRole('complementary', { name: 'Navigation' }).textContent())
      .toContain('ticket test')
    await context.close()
  })

  it('opens the view picker with v and goes to the chosen view by keyboard', async () => {
    const { page, context } = await as('admin')
    await page.goto('/p/ORI/board')
    await page.locator('section.lane').first().waitFor()
    await page.locator('body').press('v')
    const picker = page.getByRole('dialog', { name: 'Go to view' })
    await picker.waitFor()
    await expect.poll(() => page.locator(':focus').textContent()).toContain('Board')
    // Focus starts on the first view (Board); two steps down is Hierarchy.
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await page.waitForURL('**/p/ORI/tree')
    expect(await picker.count()).toBe(0)
    await context.close()
  })

  it('lists recently used projects first among the projects', async () => {
    const { page, context } = await as('admin')
    // Both boards are empty: their empty state shows once the board is read.
    await page.goto('/p/ZED/board')
    await page.getByText('No open tickets yet').waitFor()
    await page.goto('/p/ALT/board')
    await page.getByText('No open tickets yet').waitFor()
    const projects = page.getByRole('navigation', { name: 'Projects' }).getByRole('link')
    await expect
      .poll(async () => (await projects.allTextContents()).slice(0, 3))
      .toEqual(['All projects', 'ALTAnother project', 'ZEDLast project'])
    // Still first after a reload: kept in this browser.
    await page.reload()
    await expect
      .poll(async () => (await projects.allTextContents()).slice(0, 3))
      .toEqual(['All projects', 'ALTAnother project', 'ZEDLast project'])
    await context.close()
  })
})
