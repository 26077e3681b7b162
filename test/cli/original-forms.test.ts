import { describe, expect, it } from 'vitest'
import { tempWorkspace } from '../support/workspace.ts'

/*
 * Command forms of the original that its users and scripts still type (spec reference
 * cli.md), through the built `tk`.
 */

type T = { key: string; title: string; type: string; parent_id: string | null }

describe('the current epic', () => {
  it('uses, lists, parents new work to it and clears it; no subcommand becomes a title', async () => {
    const ws = await tempWorkspace()
    const epic = await ws.json<T>('epic', 'Authentication')
    const other = await ws.json<T>('epic', 'Billing')

    const use = await ws.tk('epic', 'use', epic.key)
    expect(use).toMatchObject({ code: 0, stdout: `using epic ${epic.key}: Authentication\n` })
    const ls = await ws.tk('epic', 'ls')
    expect(ls.code).toBe(0)
    expect(ls.stdout).toMatch(new RegExp(`^\\*${epic.key}\\s+design/idle\\s+Authentication$`, 'm'))
    expect(ls.stdout).toMatch(new RegExp(`^ ${other.key}\\s+design/idle\\s+Billing$`, 'm'))
    expect((await ws.tk('epic', 'list')).stdout).toBe(ls.stdout)

    // New tasks, bugs and chores go under it; other types and an explicit -parent do not.
    expect((await ws.json<T>('add', 'Reset password')).parent_id).toBe(epic.key)
    expect((await ws.json<T>('bug', 'Token expires')).parent_id).toBe(epic.key)
    expect((await ws.json<T>('note', 'Remember')).parent_id).toBeNull()
    expect((await ws.json<T>('add', 'Invoice', '--parent', other.key)).parent_id).toBe(other.key)

    expect(await ws.tk('epic', 'clear')).toMatchObject({ code: 0, stdout: 'active epic cleared\n' })
    expect((await ws.json<T>('add', 'Loose')).parent_id).toBeNull()
    expect((await ws.tk('epic', 'ls')).stdout).not.toContain('*')

    // None of these made an epic titled after the word.
    const epics = await ws.json<T[]>('list', '-t', 'epic')
    expect(epics.map((e) => e.title).sort()).toEqual(['Authentication', 'Billing'])
  })

  it('refuses a ticket that is not an epic, and a missing key, as usage errors', async () => {
    const ws = await tempWorkspace()
    const task = await ws.json<T>('add', 'Just a task')
    const r = await ws.tk('epic', 'use', task.key)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`error: ticket ${task.key} is not an epic`)
    expect(r.stderr).toContain('hint: see the epics with: tk epic ls')
    const none = await ws.tk('epic', 'use')
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('error: which epic?')
  })

  it('is forgotten when the project changes, and refuses an epic of another project', async () => {
    const ws = await tempWorkspace()
    const epic = await ws.json<T>('epic', 'Authentication')
    await ws.tk('epic', 'use', epic.key)
    await ws.tk('project', 'create', '-prefix', 'CUS', '-title', 'Customer Portal')
    expect((await ws.json<T>('add', 'In CUS')).parent_id).toBeNull()
    await ws.tk('project', 'use', 'TK')
    await ws.tk('epic', 'use', epic.key)
    const r = await ws.tk('add', 'Wrong project', '-project', 'CUS')
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`error: current epic ${epic.key} belongs to another project`)
    expect(r.stderr).toContain('tk epic clear')
  })
})

describe('tk get', () => {
  it('shows the latest comments and history, newest first; --brief leaves them out', async () => {
    const ws = await tempWorkspace()
    const t = await ws.json<T>('add', 'Talked about')
    await ws.tk('comment', t.key, 'first thoughts')
    await ws.tk('comment', t.key, 'second thoughts')
    const text = (await ws.tk('get', t.key)).stdout
    expect(text).toMatch(
      /Comments \(newest first\):\n.*admin: second thoughts\n.*admin: first thoughts/,
    )
    expect(text).toMatch(/History \(newest first\):\n.*commented/)
    expect(text).toContain('created task "Talked about"')
    const json = await ws.json<{ comments: { text: string }[]; history: unknown[] }>('get', t.key)
    expect(json.comments.map((c) => c.text)).toEqual(['second thoughts', 'first thoughts'])
    expect(json.history.length).toBe(3)
    const brief = await ws.tk('get', t.key, '--brief')
    expect(brief.stdout).not.toContain('Comments')
    expect(brief.stdout).toContain('Talked about')
    expect(await ws.json('get', t.key, '--brief')).not.toHaveProperty('comments')
  })
})
