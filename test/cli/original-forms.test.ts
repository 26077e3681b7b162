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

describe('commands and flags of the original', () => {
  it('tk config ls/get/set/rm, with the original’s key names too', async () => {
    const ws = await tempWorkspace()
    expect((await ws.tk('config', 'ls')).stdout).toMatch(/^project\s+TK$/m)
    expect(await ws.tk('config', 'set', 'location', 'http://tickets.example')).toMatchObject({
      code: 0,
      stdout: 'server_url=http://tickets.example\n',
    })
    expect((await ws.tk('config', 'get', 'server_url')).stdout).toBe('http://tickets.example\n')
    expect((await ws.tk('config', 'rm', 'location')).stdout).toBe('deleted server_url\n')
    expect((await ws.tk('config', 'get', 'server_url')).stdout).toBe('')
    const bad = await ws.tk('config', 'set', 'colour', 'red')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('error: unknown config key "colour"')
    expect(bad.stderr).toContain('hint: the keys are: project, current_epic, server_url, username')
    // A bare group lists its commands.
    expect((await ws.tk('config')).stdout).toContain('config set')
  })

  it('tk upgrade says what it did and how to update tk', async () => {
    const ws = await tempWorkspace()
    const r = await ws.tk('upgrade')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/database .*ticket\.db is up to date \(schema \d+\)/)
    expect(r.stdout).toContain('npm install -g ticket-cli@latest')
  })

  it('tk ticket … reads as tk …; a bare tk dep lists its commands', async () => {
    const ws = await tempWorkspace()
    const t = await ws.json<T>('ticket', 'add', 'Namespaced')
    expect((await ws.tk('ticket', 'get', t.key, '--brief')).stdout).toContain('Namespaced')
    const dep = await ws.tk('dep')
    expect(dep.code).toBe(0)
    expect(dep.stdout).toContain('dependency add')
  })

  it('list --plain, search --title/--description/--priority/--owner, update --parent_id/--assignee', async () => {
    const ws = await tempWorkspace()
    const a = await ws.json<T>('add', 'Reset password', '-d', 'mail a link', '-p', '1')
    const b = await ws.json<T>('add', 'Reset avatar', '-p', '2')
    const epic = await ws.json<T>('epic', 'Accounts')
    expect((await ws.tk('list', '--plain', '-t', 'task')).stdout).toBe(
      `${b.key}\ttask\tdesign/idle\tReset avatar\n${a.key}\ttask\tdesign/idle\tReset password\n`,
    )
    const keys = async (...args: string[]) =>
      (await ws.json<T[]>('search', 'reset', ...args)).map((t) => t.key).sort()
    expect(await keys()).toEqual([a.key, b.key].sort())
    expect(await keys('--title', 'AVATAR')).toEqual([b.key])
    expect(await keys('--description', 'link')).toEqual([a.key])
    expect(await keys('--priority', '1')).toEqual([a.key])
    expect(await keys('--owner', 'admin')).toEqual([])

    const u = await ws.json<T>('update', a.key, '--parent_id', epic.key, '--assignee', 'admin')
    expect(u).toMatchObject({ parent_id: epic.key, assignee: 'admin' })
    expect(await keys('--owner', 'admin')).toEqual([a.key])
    const back = await ws.json<T>('update', a.key, '--parent', '', '--assignee', '')
    expect(back).toMatchObject({ parent_id: null, assignee: null })
  })
})

describe('flags of the original on organisation commands', () => {
  it('team add-user --team_id --user_id and workflow set --workflow --ticket', async () => {
    const ws = await tempWorkspace()
    await ws.tk('team', 'create', 'crew')
    await ws.tk('user', 'create', 'bob', '--password', 'bob-password-1')
    const add = await ws.tk('team', 'add-user', '--team_id', 'crew', '--user_id', 'bob')
    expect(add).toMatchObject({ code: 0, stdout: 'added bob to team crew as member\n' })
    const t = await ws.json<T>('add', 'Quick one')
    const set = await ws.tk('workflow', 'set', '--ticket', t.key, '--workflow', 'yolo')
    expect(set.code).toBe(0)
    expect(set.stdout).toContain(`set workflow yolo on ticket ${t.key}`)
  })
})
