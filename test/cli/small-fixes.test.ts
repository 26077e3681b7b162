import { describe, expect, it } from 'vitest'
import { runTk, tempWorkspace } from '../support/workspace.ts'

type T = { key: string }

describe('what tk says', () => {
  it('tk close and tk archive say what they did', async () => {
    const ws = await tempWorkspace()
    const t = await ws.json<T>('add', 'Done with')
    expect((await ws.tk('close', t.key)).stdout).toMatch(new RegExp(`^closed ○ ${t.key} `))
    expect((await ws.tk('open', t.key)).stdout).toMatch(/^reopened /)
    expect((await ws.tk('archive', t.key)).stdout).toMatch(/^archived /)
  })

  it('counts one of a type in the singular in tk summary', async () => {
    const ws = await tempWorkspace()
    await ws.json('add', 'One task')
    await ws.json('epic', 'One epic')
    await ws.json('bug', 'A bug')
    await ws.json('bug', 'Another bug')
    const s = (await ws.tk('summary')).stdout
    expect(s).toMatch(/1 task, 1 epic, 2 bugs/)
  })

  it('tk analyse without the LLM program says how to get one', async () => {
    const ws = await tempWorkspace()
    const epic = await ws.json<T>('epic', 'Break me down')
    const r = await runTk(['analyse', epic.key], {
      cwd: ws.dir,
      env: { TICKET_HOME: ws.home, PATH: '/nonexistent', TICKET_ANALYSE_CMD: '' },
    })
    expect(r.code).not.toBe(0)
    expect(r.stderr).toContain('ENOENT')
    expect(r.stderr).toMatch(/hint: the LLM program is not installed or not on PATH/)
  })

  it('-f takes the project directory as well as its .ticket directory', async () => {
    const ws = await tempWorkspace()
    await ws.json('add', 'Found it')
    for (const dir of [ws.dir, ws.home]) {
      const r = await runTk(['-f', dir, 'ls'], { cwd: '/', env: { TICKET_HOME: '' } })
      expect(r).toMatchObject({ code: 0 })
      expect(r.stdout).toContain('Found it')
    }
  })
})
