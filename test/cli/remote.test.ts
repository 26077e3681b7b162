import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { startTestServer } from '../support/server.ts'
import { tempDir } from '../support/temp-dir.ts'
import { runTk } from '../support/workspace.ts'

// The seed README's server quick start, against the real server, through the built `tk`.
describe('remote mode', () => {
  it('registers, logs in, creates a project, adds, lists and claims over HTTP', async () => {
    const server = await startTestServer()
    onTestFinished(() => server.close())
    const dir = tempDir('tk-remote-')
    const env = { TICKET_HOME: join(dir, '.ticket'), TICKET_URL: server.url }
    const tk = async (...args: string[]) => {
      const r = await runTk(args, { cwd: dir, env })
      if (r.code !== 0) throw new Error(`tk ${args.join(' ')} exited ${r.code}: ${r.stderr}`)
      return r.stdout
    }
    const json = async <T>(...args: string[]) => JSON.parse(await tk(...args, '--json')) as T

    expect(await tk('register', '-username', 'alice', '-password', 'alice-password')).toContain(
      'registered user alice',
    )
    expect(await tk('login', '-username', 'alice', '-password', 'alice-password')).toContain(
      `logged in to ${server.url} as alice`,
    )
    expect(statSync(join(dir, '.ticket', 'credentials.json')).mode & 0o777).toBe(0o600)
    expect(await json<{ username: string }>('whoami')).toMatchObject({ username: 'alice' })
    expect(await json('status')).toMatchObject({
      mode: 'remote',
      server_url: server.url,
      authenticated: true,
      username: 'alice',
      connection: 'success',
    })
    await tk('project', 'create', '-prefix', 'CUS', '-title', 'Customer Portal')
    const t = await json<{ key: string }>(
      'add',
      'Customers can reset their password.',
      '-project',
      'CUS',
    )
    expect(t.key).toBe('CUS-T-1')
    const list = await json<{ key: string }[]>('list', '-project', 'CUS')
    expect(list.map((x) => x.key)).toEqual(['CUS-T-1'])
    const claimed = await json<{ status: string }>('claim', '-id', 'CUS-T-1')
    expect(JSON.stringify(claimed)).toContain('alice')
    await tk('logout')
    const after = await runTk(['list', '-project', 'CUS'], { cwd: dir, env })
    expect(after.code).toBe(1)
    expect(after.stderr).toContain('sign in first')
  })

  it('runs the seed README quick start as written, naming the user in the environment', async () => {
    const server = await startTestServer()
    onTestFinished(() => server.close())
    const dir = tempDir('tk-remote-')
    const env = {
      TICKET_HOME: join(dir, '.ticket'),
      TICKET_URL: server.url,
      TICKET_USERNAME: 'bob',
      TICKET_PASSWORD: 'bob-password',
    }
    const tk = async (...args: string[]) => {
      const r = await runTk(args, { cwd: dir, env })
      expect(r.code, `tk ${args.join(' ')}: ${r.stderr}`).toBe(0)
      return r.stdout
    }
    expect(await tk('register')).toContain('registered user bob')
    expect(await tk('login')).toContain('as bob')
    await tk('project', 'create', '-prefix', 'CUS', '-title', 'Customer Portal')
    await tk('project', 'use', 'CUS')
    await tk('add', 'Customers can reset their password.')
    expect(await tk('list')).toContain('CUS-T-1')
    expect(await tk('claim', '-id', 'CUS-T-1')).toContain('CUS-T-1')
    expect(JSON.parse(await tk('get', 'CUS-T-1', '--json'))).toMatchObject({
      assignee: 'bob',
      status: 'design/active',
    })
  })

  it('logs in from TICKET_USERNAME and TICKET_PASSWORD, and names the URL when unreachable', async () => {
    const server = await startTestServer()
    onTestFinished(() => server.close())
    const dir = tempDir('tk-remote-')
    const env = {
      TICKET_HOME: join(dir, '.ticket'),
      TICKET_URL: server.url,
      TICKET_USERNAME: 'admin',
      TICKET_PASSWORD: 'admin-password',
    }
    const r = await runTk(['whoami', '--json'], { cwd: dir, env })
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ username: 'admin', mode: 'remote' })
    const down = await runTk(['list'], {
      cwd: dir,
      env: { ...env, TICKET_URL: 'http://127.0.0.1:9', TICKET_TIMEOUT: '2' },
    })
    expect(down.code).toBe(1)
    expect(down.stderr).toContain('http://127.0.0.1:9')
  })

  it('init in remote mode remembers the server, signs in and makes the project current', async () => {
    const server = await startTestServer()
    onTestFinished(() => server.close())
    const dir = tempDir('tk-remote-init-')
    const env = { TICKET_HOME: join(dir, '.ticket') }
    const config = () => JSON.parse(readFileSync(join(dir, '.ticket', 'config.json'), 'utf8'))

    // Unreachable: names the URL, remembers nothing.
    const down = await runTk(['init', '-url', 'http://127.0.0.1:9'], {
      cwd: dir,
      env: { ...env, TICKET_TIMEOUT: '2' },
    })
    expect(down.code).toBe(1)
    expect(down.stderr).toContain('http://127.0.0.1:9')
    expect(existsSync(join(dir, '.ticket', 'config.json'))).toBe(false)

    // A wrong password: refused, nothing remembered.
    const wrong = await runTk(
      ['init', '-url', server.url, '-username', 'admin', '-password', 'not-it'],
      { cwd: dir, env },
    )
    expect(wrong.code).toBe(1)
    expect(existsSync(join(dir, '.ticket', 'config.json'))).toBe(false)

    const ok = await runTk(
      ['init', '-url', server.url, '-username', 'admin', '-password', 'admin-password'],
      { cwd: dir, env },
    )
    expect(ok.code, ok.stderr).toBe(0)
    expect(ok.stdout).toContain(`server       : ${server.url}`)
    expect(ok.stdout).toContain('user         : admin')
    expect(ok.stdout).toContain('project      : TK (current)')
    expect(config()).toMatchObject({ server_url: server.url, username: 'admin', project: 'TK' })
    expect(statSync(join(dir, '.ticket', 'credentials.json')).mode & 0o777).toBe(0o600)
    // No local database: remote mode never creates one.
    expect(existsSync(join(dir, '.ticket', 'ticket.db'))).toBe(false)

    // Later commands need neither the URL nor the password again.
    const added = await runTk(['add', 'Over the wire', '--json'], { cwd: dir, env })
    expect(added.code, added.stderr).toBe(0)
    expect(JSON.parse(added.stdout)).toMatchObject({ key: 'TK-T-1' })

    // Repeating with -prefix creates that project on the server and makes it current.
    const again = await runTk(
      [
        'init',
        '-prefix',
        'CUS',
        '-title',
        'Customer Portal',
        '-password',
        'admin-password',
        '--json',
      ],
      { cwd: dir, env },
    )
    expect(again.code, again.stderr).toBe(0)
    expect(JSON.parse(again.stdout)).toMatchObject({
      server_url: server.url,
      username: 'admin',
      logged_in: true,
      project: 'CUS',
    })
    const project = await runTk(['project', 'get', 'CUS', '--json'], { cwd: dir, env })
    expect(JSON.parse(project.stdout)).toMatchObject({ prefix: 'CUS', title: 'Customer Portal' })
  })

  it('init with TICKET_URL and no password remembers the server and says how to sign in', async () => {
    const server = await startTestServer()
    onTestFinished(() => server.close())
    const dir = tempDir('tk-remote-init-')
    const r = await runTk(['init'], {
      cwd: dir,
      env: { TICKET_HOME: join(dir, '.ticket'), TICKET_URL: server.url },
    })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('not logged in')
    expect(r.stdout).toContain('next: tk login')
    expect(existsSync(join(dir, '.ticket', 'ticket.db'))).toBe(false)
    const noUser = await runTk(['init', '-prefix', 'CUS'], {
      cwd: dir,
      env: { TICKET_HOME: join(dir, '.other'), TICKET_URL: server.url },
    })
    expect(noUser.code).toBe(2)
    expect(noUser.stderr).toContain('-prefix needs someone signed in')
    expect(existsSync(join(dir, '.other', 'config.json'))).toBe(false)
  })

  it('exports and imports over HTTP for an admin, and refuses anyone else', async () => {
    const server = await startTestServer()
    onTestFinished(() => server.close())
    const dir = tempDir('tk-remote-snap-')
    const admin = {
      TICKET_HOME: join(dir, '.ticket'),
      TICKET_URL: server.url,
      TICKET_USERNAME: 'admin',
      TICKET_PASSWORD: 'admin-password',
    }
    const add = await runTk(['add', 'kept in the snapshot', '-project', 'TK'], {
      cwd: dir,
      env: admin,
    })
    expect(add.code, add.stderr).toBe(0)
    const file = join(dir, 'snap.json')
    const exported = await runTk(['export', '-o', file], { cwd: dir, env: admin })
    expect(exported.code, exported.stderr).toBe(0)
    const snapshot = JSON.parse(readFileSync(file, 'utf8')) as {
      tables: { tickets: { rows: unknown[][] } }
    }
    expect(JSON.stringify(snapshot.tables.tickets.rows)).toContain('kept in the snapshot')
    const deleted = await runTk(['delete', '-id', 'TK-T-1'], { cwd: dir, env: admin })
    expect(deleted.code, deleted.stderr).toBe(0)
    const imported = await runTk(['import', '-i', file, '-force'], { cwd: dir, env: admin })
    expect(imported.code, imported.stderr).toBe(0)
    // The import ended every session; the environment pair signs in again.
    const back = await runTk(['get', '-id', 'TK-T-1', '--json'], { cwd: dir, env: admin })
    expect(back.code, back.stderr).toBe(0)
    expect(JSON.parse(back.stdout)).toMatchObject({ title: 'kept in the snapshot' })

    const bobEnv = { TICKET_HOME: join(dir, '.bob'), TICKET_URL: server.url }
    await runTk(['user', 'create', 'bob', '-password', 'bob-password'], { cwd: dir, env: admin })
    const bob = { ...bobEnv, TICKET_USERNAME: 'bob', TICKET_PASSWORD: 'bob-password' }
    const refused = await runTk(['export', '-o', join(dir, 'bob.json')], { cwd: dir, env: bob })
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/admin/)
  })
})
