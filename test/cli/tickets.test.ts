import { describe, expect, it } from 'vitest'
import { tempWorkspace } from '../support/workspace.ts'

type T = {
  key: string
  status: string
  title: string
  priority: number
  assignee: string | null
  parent_id: string | null
  description: string
  acceptance_criteria: string
  ready: boolean
  open: boolean
}

describe('the seed quick start', () => {
  it('runs as written', async () => {
    const ws = await tempWorkspace()
    expect((await ws.tk('add', 'Create a skeleton project in go.')).stdout.trim()).toBe('TK-T-1')
    const p = await ws.tk('project', 'create', '-prefix', 'CUS', '-title', 'Customer Portal')
    expect(p.code).toBe(0)
    expect((await ws.tk('project', 'use', 'CUS')).stdout).toMatch(/using project CUS/)
    expect((await ws.tk('epic', 'Authentication')).stdout.trim()).toBe('CUS-E-1')
    expect((await ws.tk('add', 'Customers can reset their password.')).stdout.trim()).toBe(
      'CUS-T-2',
    )
    expect((await ws.tk('bug', 'Reset token expires immediately.')).stdout.trim()).toBe('CUS-B-3')
    const list = await ws.tk('list')
    expect(list.code).toBe(0)
    expect(list.stdout.split('\n')[0]).toMatch(/^ID\s+TYPE\s+TITLE\s+STATUS/)
    expect(list.stdout).toMatch(/CUS-B-3\s+bug\s+Reset token expires immediately\.\s+design\/idle/)
    expect((await ws.tk('get', '-id', 'CUS-T-2')).stdout).toMatch(/Status\s+: design\/idle/)
    expect((await ws.tk('active', '-id', 'CUS-T-2')).stdout).toMatch(/CUS-T-2\s+design\/active/)
    expect((await ws.tk('complete', '-id', 'CUS-T-2')).stdout).toMatch(/CUS-T-2\s+develop\/idle/)
    const claim = await ws.json<{ status: string; ticket: T }>('claim', '-id', 'CUS-T-2')
    expect(claim).toMatchObject({
      status: 'ASSIGNED',
      ticket: { key: 'CUS-T-2', status: 'develop/active', assignee: 'admin' },
    })
  })
})

describe('flags', () => {
  it('accepts -name v, --name v, -name=v, --name=v, before or after the title', async () => {
    const ws = await tempWorkspace()
    const forms = [
      ['add', '-p', '1', 'one'],
      ['add', 'two', '--priority', '1'],
      ['add', '-priority=1', 'three'],
      ['add', 'four', '--priority=1'],
    ]
    for (const f of forms) expect((await ws.json<T>(...f)).priority).toBe(1)
    const t = await ws.json<T>(
      'add',
      'with fields',
      '-d',
      'the description',
      '-ac',
      'it works',
      '-description',
      'wins',
    )
    expect(t).toMatchObject({ description: 'wins', acceptance_criteria: 'it works' })
  })

  it('takes the subject as -id, --id, -id=, or the first argument, and accepts 42 and CUS-42', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'a')
    for (const args of [
      ['get', '-id', 'TK-T-1'],
      ['get', '--id=tk-t-1'],
      ['get', 'TK-1'],
      ['get', '1'],
      ['show', '#1'],
    ]) {
      const r = await ws.json<T>(...args)
      expect(r.key).toBe('TK-T-1')
    }
  })

  it('combines short booleans (-ad) and selects JSON fields', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'open one')
    await ws.tk('add', 'closed one')
    await ws.tk('add', 'archived one')
    await ws.tk('close', 'TK-T-2')
    await ws.tk('archive', '3')
    expect(await ws.json('ls', '--fields', 'key')).toEqual([{ key: 'TK-T-1' }])
    // An empty answer is checked against every field of a ticket, the display name too.
    expect(await ws.json('ls', '-label', 'none', '--fields', 'key,assignee_name')).toEqual([])
    expect((await ws.json<T[]>('ls', '-a')).map((t) => t.key).sort()).toEqual(['TK-T-1', 'TK-T-2'])
    expect((await ws.json<T[]>('ls', '-ad')).map((t) => t.key).sort()).toEqual([
      'TK-T-1',
      'TK-T-2',
      'TK-T-3',
    ])
    const human = await ws.tk('ls', '-ad')
    expect(human.stdout).toMatch(/OPEN/)
    expect(human.stdout).toMatch(/TK-T-3.*archived/)
  })

  it('treats the word gui inside a title as a word', async () => {
    const ws = await tempWorkspace()
    expect((await ws.json<T>('add', 'fix', 'gui', 'layout')).title).toBe('fix gui layout')
  })
})

describe('tickets through the CLI', () => {
  it('lists with filters and limits', async () => {
    const ws = await tempWorkspace()
    await ws.tk('bug', 'b1')
    await ws.tk('add', 't1')
    await ws.tk('add', 't2')
    await ws.tk('active', 'TK-T-3')
    expect((await ws.json<T[]>('ls', 'bug')).map((t) => t.key)).toEqual(['TK-B-1'])
    expect(
      (await ws.json<T[]>('ls', '-type', 'task', '-state', 'active')).map((t) => t.key),
    ).toEqual(['TK-T-3'])
    expect((await ws.json<T[]>('ls', '-status', 'design/idle')).map((t) => t.key).sort()).toEqual([
      'TK-B-1',
      'TK-T-2',
    ])
    expect((await ws.json<T[]>('ls', '-u', 'admin')).map((t) => t.key)).toEqual(['TK-T-3'])
    expect(await ws.json<T[]>('ls', '-n', '2')).toHaveLength(2)
    const bad = await ws.tk('ls', '-state', 'sleeping')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/invalid state "sleeping"/)
  })

  it('updates fields and lifecycle, and refuses to change a parent directly', async () => {
    const ws = await tempWorkspace()
    await ws.tk('epic', 'E')
    await ws.tk('add', 'child', '-parent', 'TK-E-1')
    const u = await ws.json<T>(
      'update',
      'TK-T-2',
      '-title',
      'renamed',
      '-p',
      '2',
      '-status',
      'develop/active',
    )
    expect(u).toMatchObject({
      title: 'renamed',
      priority: 2,
      status: 'develop/active',
      assignee: 'admin',
    })
    expect((await ws.json<T>('get', 'TK-E-1')).status).toBe('develop/active')
    const r = await ws.tk('complete', 'TK-E-1')
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/error: ticket has children; stage\/state is derived from descendants/)
    expect((await ws.tk('update', 'TK-T-2')).code).toBe(2)
  })

  it('moves through state and stage commands, with comments from -m', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 't')
    expect((await ws.json<T>('state', 'TK-T-1', 'develop')).status).toBe('develop/idle')
    expect((await ws.json<T>('state', 'TK-T-1', 'fail', '-m', 'broke')).status).toBe('develop/fail')
    expect((await ws.tk('stage', 'TK-T-1')).stdout.trim()).toBe('develop')
    expect((await ws.json<T>('stage', 'TK-T-1', 'done')).status).toBe('done/success')
    const done = await ws.tk('idle', 'TK-T-1')
    expect(done.code).toBe(1)
    expect(done.stderr).toMatch(/ticket is done/)
    const conv = await ws.tk('conversation', 'show', 'TK-T-1')
    expect(conv.stdout).toMatch(/admin: broke/)
    expect(conv.stdout).toMatch(/stage develop → done/)
  })

  it('searches, shows history, comments and deletes', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'Password reset email', '-d', 'send a link')
    await ws.tk('add', 'Other')
    expect((await ws.json<T[]>('search', 'link')).map((t) => t.key)).toEqual(['TK-T-1'])
    expect((await ws.tk('search', 'nothing-like-this')).stdout).toMatch(/no tickets match/)
    expect((await ws.tk('comment', 'TK-T-1', 'looking', 'at', 'it')).stdout).toMatch(
      /commented on TK-T-1/,
    )
    expect((await ws.json<{ text: string }[]>('comments', 'TK-T-1')).map((c) => c.text)).toEqual([
      'looking at it',
    ])
    const h = await ws.tk('history', 'TK-T-1')
    expect(h.stdout).toMatch(/created task "Password reset email"/)
    expect((await ws.json<{ status: string }>('delete', 'TK-T-2')).status).toBe('deleted')
    expect((await ws.tk('get', 'TK-T-2')).code).toBe(1)
  })

  it('manages projects and refuses bad prefixes', async () => {
    const ws = await tempWorkspace()
    const bad = await ws.tk('project', 'create', '-prefix', 'C1', '-title', 'x')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/2 to 5 letters/)
    const dup = await ws.tk('project', 'create', '-prefix', 'TK', '-title', 'again')
    expect(dup.code).toBe(1)
    expect(dup.stderr).toMatch(/prefix "TK" is unavailable/)
    await ws.tk('project', 'create', '-prefix', 'OPS', '-title', 'Operations')
    expect((await ws.tk('project', 'use')).stdout.trim()).toBe('OPS — Operations')
    expect((await ws.json<{ prefix: string }[]>('project', 'list')).map((p) => p.prefix)).toEqual([
      'TK',
      'OPS',
    ])
    expect((await ws.json<{ status: string }>('project', 'close', 'OPS')).status).toBe('closed')
    const refused = await ws.tk('add', 'x', '-project', 'OPS')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/project OPS is closed/)
    await ws.tk('project', 'open', 'OPS')
    expect((await ws.tk('project', 'delete', 'OPS')).stderr).toMatch(/-confirm OPS/)
    expect((await ws.tk('project', 'delete', 'OPS', '-confirm', 'OPS')).code).toBe(0)
    expect((await ws.tk('ls')).code).toBe(2)
  })

  it('draws the tree and lists orphans, next and blocked', async () => {
    const ws = await tempWorkspace()
    await ws.tk('epic', 'E')
    await ws.tk('add', 'child', '-parent', 'TK-E-1')
    await ws.tk('add', 'loose')
    await ws.tk('dep', 'add', 'TK-T-2', 'TK-T-3')
    const tree = await ws.tk('tree')
    expect(tree.stdout).toMatch(/├─ ○ TK-E-1\s+design\/idle\s+E\n│ {2}└─ ○ TK-T-2/)
    expect((await ws.json<T[]>('orphans')).map((t) => t.key)).toEqual(['TK-T-3'])
    expect((await ws.tk('blocked')).stdout).toMatch(/TK-T-2.*TK-T-3/)
    await ws.tk('stage', 'TK-T-3', 'develop')
    await ws.tk('ready', 'TK-T-3')
    expect((await ws.json<T[]>('next')).map((t) => t.key)).toEqual(['TK-T-3'])
  })
})

describe('stage, state and status on the command line', () => {
  it('reads them as the API does: one status, agreeing with -stage and -state', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'one')
    for (const args of [
      ['-status', 'develop/active/extra'],
      ['-stage', 'test', '-status', 'develop/idle'],
      ['-state', 'idle', '-status', 'develop/active'],
    ]) {
      const r = await ws.tk('update', 'TK-T-1', ...args)
      // A bad value exits non-zero like every other flag value the domain refuses.
      expect({ args, failed: r.code !== 0 }).toEqual({ args, failed: true })
      expect(r.stderr).toMatch(/^error: .*(invalid status|disagree)/m)
      expect(r.stderr).toMatch(/^hint: /m)
    }
    const ls = await ws.tk('ls', '-stage', 'test', '-status', 'design/idle')
    expect(ls.stderr).toMatch(/disagree/)
    expect((await ws.json<T>('get', 'TK-T-1')).status).toBe('design/idle')
    expect((await ws.json<T>('update', 'TK-T-1', '-status', 'done/success')).status).toBe(
      'done/success',
    )
  })

  it('adds a flag change message as a comment, before the close that locks the ticket', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'one')
    expect((await ws.json<T>('close', 'TK-T-1', '-m', 'not needed')).open).toBe(false)
    expect((await ws.json<{ text: string }[]>('comments', 'TK-T-1')).map((c) => c.text)).toEqual([
      'not needed',
    ])
  })
})

describe('a global flag without its value', () => {
  it('is a usage error naming the flag, with an example', async () => {
    const ws = await tempWorkspace()
    const r = await ws.tk('ls', '--project')
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^error: flag --project needs a value$/m)
    expect(r.stderr).toMatch(/^hint: e\.g\. --project CUS$/m)
  })
})

describe('paging', () => {
  it('lists the next page after the last ticket shown (-after KEY)', async () => {
    const ws = await tempWorkspace()
    for (const title of ['one', 'two', 'three']) await ws.tk('add', title)
    type K = { key: string }
    const first = await ws.json<K[]>('ls', '-n', '2')
    expect(first.map((t) => t.key)).toEqual(['TK-T-3', 'TK-T-2'])
    const next = await ws.json<K[]>('ls', '-n', '2', '-after', first.at(-1)!.key)
    expect(next.map((t) => t.key)).toEqual(['TK-T-1'])
    expect(await ws.json<K[]>('ls', '-after', '1')).toEqual([])
  })
})
