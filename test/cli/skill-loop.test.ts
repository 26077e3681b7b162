import { expect, it } from 'vitest'
import { tempWorkspace } from '../support/workspace.ts'

/**
 * The loop the skill file teaches ("work on the next ticket": next, claim, get, comment, time,
 * complete), run command by command exactly as written there, through the built `tk`.
 */
it('the skill file’s loop works as written', async () => {
  const ws = await tempWorkspace()
  const add = await ws.json<{ key: string }>('add', 'Fix the login page', '-ac', 'login works')
  await ws.tk('stage', add.key, 'develop')
  await ws.tk('ready', add.key)
  const queue = await ws.json<{ key: string }[]>('next')
  expect(queue.map((t) => t.key)).toEqual([add.key])
  const claimed = await ws.json<{ status: string; ticket: { key: string } }>('claim')
  expect(claimed).toMatchObject({ status: 'ASSIGNED', ticket: { key: add.key } })
  const detail = await ws.json<{ acceptance_criteria: string }>('get', add.key)
  expect(detail.acceptance_criteria).toBe('login works')
  expect((await ws.tk('comment', add.key, 'fixed the form handler')).code).toBe(0)
  expect((await ws.tk('time', 'log', add.key, '30', 'what the time went on')).code).toBe(0)
  expect((await ws.tk('complete', add.key)).code).toBe(0)
  expect(await ws.json('get', add.key)).toMatchObject({ status: 'test/idle' })
  expect((await ws.json<{ status: string }>('claim')).status).toBe('NO-WORK')
}, 30_000)
