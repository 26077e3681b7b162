import { describe, expect, it } from 'vitest'
import { renderApp, seed } from './render-app.tsx'

describe('U undoes lifecycle keys', () => {
  it('takes back start, complete, fail, idle, assign and claim, each recorded in history', async () => {
    const ui = await renderApp({ initial: { view: 'list' } })
    const [key] = await seed(ui.service, ['undo me'])
    await ui.press('r')
    await ui.waitFor('undo me')
    const status = async () => {
      const t = await ui.service.getTicket(key!)
      return `${t.status} ${t.assignee ?? '-'}`
    }

    for (const k of ['s', 'c', 'f', 'a', 'x', 'i']) {
      // `i` needs a ticket that is not idle already.
      if (k === 'i') {
        await ui.press('s')
        await expect.poll(status).toBe('design/active admin')
      }
      const before = await status()
      await ui.press(k)
      await expect.poll(status).not.toBe(before)
      await ui.press('U')
      await ui.waitFor('undid:')
      await expect.poll(status).toBe(before)
    }
    // Two steps back in a row: complete after start, then both undone.
    await ui.press('c')
    await expect.poll(status).toBe('develop/idle admin')
    await ui.press('U')
    await expect.poll(status).toBe('design/active admin')
    await ui.press('U')
    await expect.poll(status).toBe('design/idle -')
    await ui.press('U')
    await ui.waitFor('nothing to undo')

    // Undoing is a change like any other: history holds both the change and its undoing.
    const history = await ui.service.listHistory({ ticket: key!, limit: 100 })
    expect(history.length).toBeGreaterThan(12)
  })
})
