import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { spawnServer } from '../support/server-process.ts'
import { tempDir } from '../support/temp-dir.ts'
import { runTk, tempWorkspace } from '../support/workspace.ts'

/*
 * More of the original's command forms (spec reference cli.md §2.2.2, §2.2.7, §5.2, §7.11),
 * through the built `tk`, locally and against the real server.
 */

type T = { key: string; title: string; type: string; parent_id: string | null; status: string }

describe('tk project <id> <verb>', () => {
  it('reads as tk project <verb> <id>, by prefix or by number; alone it shows the project', async () => {
    const ws = await tempWorkspace()
    await ws.tk('project', 'create', '-prefix', 'CUS', '-title', 'Customer Portal')
    const get = await ws.tk('project', 'CUS', 'get')
    expect(get.code).toBe(0)
    expect(get.stdout).toMatch(/^Prefix {6}: CUS\nTitle {7}: Customer Portal$/m)
    expect((await ws.tk('project', 'CUS')).stdout).toBe(get.stdout)
    const id = (await ws.json<{ id: number }>('project', 'get', 'CUS')).id
    expect((await ws.tk('project', String(id))).stdout).toBe(get.stdout)
    expect(await ws.tk('project', String(id), 'update', '-title', 'Portal')).toMatchObject({
      code: 0,
    })
    expect((await ws.tk('project', 'cus', 'disable')).stdout).toBe('project CUS is closed\n')
    expect((await ws.tk('project', 'CUS', 'enable')).stdout).toBe('project CUS is open\n')
    expect((await ws.json<{ title: string }>('project', 'get', 'CUS')).title).toBe('Portal')
    // A lower-case word alone is still read as a (mistyped) verb.
    const typo = await ws.tk('project', 'lst')
    expect(typo.code).toBe(2)
    expect(typo.stderr).toContain('did you mean tk project list')
    const missing = await ws.tk('project', 'NOPE', 'get')
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('error: project "NOPE" not found')
  })
})

describe('tk workflow import -file and export', () => {
  it('imports with -file, --file and -file=, while -f still names the workspace', async () => {
    const ws = await tempWorkspace()
    const file = join(ws.dir, 'wf.json')
    const exported = await ws.tk('workflow', 'export')
    expect(exported.code).toBe(0)
    // None named: the current project's workflow (the default one here), as JSON.
    expect(JSON.parse(exported.stdout)).toMatchObject({
      name: 'default',
      stages: [{ stage_name: 'design' }, { stage_name: 'develop' }, { stage_name: 'test' }, {}],
    })
    const write = (name: string) =>
      writeFileSync(file, exported.stdout.replace('"name": "default"', `"name": "${name}"`))
    write('one')
    expect((await ws.tk('workflow', 'import', '-file', file)).stdout).toMatch(
      /^imported workflow one \(id \d+\)$/m,
    )
    write('two')
    expect((await ws.tk('workflow', 'import', '--file', file)).stdout).toContain(
      'imported workflow two',
    )
    write('three')
    expect((await ws.tk('workflow', 'import', `-file=${file}`)).stdout).toContain(
      'imported workflow three',
    )
    // -f beside it is the workspace, found from another directory.
    write('four')
    const elsewhere = await runTk(['-f', ws.dir, 'workflow', 'import', '-file', file], {
      cwd: tempDir('tk-elsewhere-'),
    })
    expect(elsewhere.stdout).toContain('imported workflow four')
    const names = (await ws.json<{ name: string }[]>('workflow', 'list')).map((w) => w.name)
    expect(names).toEqual(expect.arrayContaining(['one', 'two', 'three', 'four']))
    // On other commands --file and -file name the workspace, as -f does.
    const other = tempDir('tk-elsewhere-')
    const ls = await runTk(['ls', '-file', ws.dir, '--json'], { cwd: other })
    expect(ls.code).toBe(0)
    expect((await runTk(['ls', '--file', ws.home], { cwd: other })).code).toBe(0)
  })
})

describe('tk init -populate', () => {
  it('adds a small sample project with epics, tickets and a dependency, once', async () => {
    const ws = await tempWorkspace({ init: false })
    const r = await ws.tk('init', '-populate', '-password', 'secret-admin-pw')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('example data : CRM, 2 epics, 8 tickets, 1 dependency')
    expect(r.stdout).toContain('project      : CRM (current)')
    const all = await ws.json<T[]>('ls', '-a')
    expect(all.length).toBe(8)
    expect(all.filter((t) => t.type === 'epic').length).toBe(2)
    expect(all.filter((t) => t.parent_id !== null).length).toBe(6)
    expect(all.map((t) => t.status)).toContain('develop/active')
    const blocked = await ws.json<{ ticket: T; blocked_by: string[] }[]>('blocked')
    expect(blocked.map((b) => b.ticket.title)).toEqual(['Show unpaid invoices on the account page'])
    // Safe to repeat: nothing is added twice, and the current project is left alone.
    await ws.tk('project', 'use', 'TK')
    const again = await ws.tk('init', '-populate')
    expect(again.stdout).toContain('(already there)')
    expect(again.stdout).toContain('nothing changed')
    expect((await ws.json<T[]>('ls', '-a', '-project', 'CRM')).length).toBe(8)
    expect((await ws.tk('project', 'use')).stdout).toContain('TK')
  })
})

describe('remote mode, as the original', () => {
  async function remote() {
    // The built server, so that its version is the one tk reports.
    const server = await spawnServer()
    const dir = tempDir('tk-remote-')
    const env = { TICKET_HOME: join(dir, '.ticket'), TICKET_URL: server.url }
    const tk = (...args: string[]) => runTk(args, { cwd: dir, env })
    expect((await tk('register', '-username', 'alice', '-password', 'alice-password')).code).toBe(0)
    return { tk, url: server.url }
  }

  it('tk login without a password keeps a stored session the server still accepts', async () => {
    const { tk, url } = await remote()
    expect((await tk('login', '-username', 'alice', '-password', 'alice-password')).code).toBe(0)
    const again = await tk('login')
    expect(again).toMatchObject({ code: 0, stderr: '' })
    expect(again.stdout).toContain(
      `logged in to ${url} as alice (the stored session is still valid)`,
    )
    expect((await tk('login', '-username', 'alice')).code).toBe(0)
    // Someone else, or no session at all, still needs a password.
    const other = await tk('login', '-username', 'bob')
    expect(other.code).toBe(2)
    expect(other.stderr).toContain('error: no password given')
    await tk('logout')
    const after = await tk('login')
    expect(after.code).toBe(2)
    expect(after.stderr).toContain('error: no password given')
  })

  it('tk doctor checks what a user who is not an admin may: server, session, version', async () => {
    const { tk, url } = await remote()
    const out = await tk('doctor')
    // Not signed in yet: that is the problem it names.
    expect(out.code).toBe(1)
    expect(out.stdout).toMatch(/^\[FAIL\] session {4}not signed in\n\s+hint: run tk login$/m)
    await tk('login', '-username', 'alice', '-password', 'alice-password')
    const r = await tk('doctor')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`[ok  ] server     ${url} answers`)
    expect(r.stdout).toContain('[ok  ] session    signed in as alice (user)')
    expect(r.stdout).toMatch(/^\[ok {2}\] version {4}server \S+, tk \S+$/m)
    expect(r.stdout).toMatch(/^\[WARN\] database {3}not checked: only an admin may/m)
    expect(r.stdout).toContain('no problems found')
    const json = JSON.parse((await tk('doctor', '--json')).stdout) as {
      checks: { name: string }[]
    }
    expect(json.checks.map((c) => c.name)).toEqual([
      'workspace',
      'config',
      'server',
      'session',
      'version',
      'database',
      'project',
    ])
  })
})
