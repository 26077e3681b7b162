import { describe, expect, it } from 'vitest'
import { runTk, type TempWorkspace, tempWorkspace } from '../support/workspace.ts'

/** Runs tk as another user of the workspace (local mode honours TICKET_USERNAME). */
const as = (ws: TempWorkspace, username: string, ...args: string[]) =>
  runTk(args, { cwd: ws.dir, env: { TICKET_HOME: ws.home, TICKET_USERNAME: username } })

describe('tk role', () => {
  it('lists, creates, shows, updates and deletes roles', async () => {
    const ws = await tempWorkspace()
    expect((await ws.tk('role', 'list')).stdout).toMatch(/QA\/Tester\s+Quality Engineer/)
    const created = await ws.tk('role', 'create', 'Release Manager', '-goals', 'Ship safely')
    expect(created.stdout).toMatch(/created role #\d+ Release Manager/)
    expect((await ws.tk('role', 'get', 'release manager')).stdout).toMatch(/Goals\s+: Ship safely/)
    const updated = await ws.json<{ title: string }>(
      'role',
      'update',
      'Release Manager',
      '-title',
      'RM',
    )
    expect(updated.title).toBe('RM')
    expect((await ws.tk('role', 'delete', 'Release Manager')).code).toBe(0)
    const used = await ws.tk('role', 'delete', 'BA')
    expect(used.code).toBe(1)
    expect(used.stderr).toMatch(
      /role BA is named by workflow stages: default\/design\nhint: .*-force/,
    )
    expect((await ws.tk('role', 'delete', 'BA', '-force')).code).toBe(0)
    expect((await ws.tk('role', 'get', 'nobody')).stderr).toMatch(/role "nobody" not found/)
    expect((await ws.tk('role', 'create')).code).toBe(2)
    expect((await ws.tk('role', 'update', 'Architect')).code).toBe(2)
  })
})

describe('tk user', () => {
  it('manages users, shows a generated password once, and guards the admin', async () => {
    const ws = await tempWorkspace()
    const alice = await ws.tk('user', 'create', 'alice', '-password', 'alice-password')
    expect(alice.stdout.trim()).toBe('created user alice (user)')
    const bob = await ws.json<{ user: { username: string }; password: string }>(
      'user',
      'create',
      '-username',
      'bob',
    )
    expect(bob.password).toMatch(/^[A-Za-z0-9]{24}$/)
    expect((await ws.tk('user', 'list')).stdout).toMatch(/alice\s+user\s+user\s+yes/)
    expect((await ws.tk('user', 'disable', 'bob')).stdout.trim()).toBe('disabled user bob')
    expect((await ws.tk('user', 'enable', '-username', 'bob')).stdout.trim()).toBe(
      'enabled user bob',
    )
    expect((await ws.tk('user', 'reset-password', 'bob')).stdout).toMatch(
      /username : bob\npassword : [A-Za-z0-9]{24} .*\nall sessions ended/,
    )
    const dup = await ws.tk('user', 'create', 'alice')
    expect([dup.code, dup.stderr]).toEqual([
      1,
      expect.stringMatching(/user "alice" already exists/),
    ])
    expect((await ws.tk('user', 'disable', 'admin')).stderr).toMatch(/you cannot disable yourself/)
    await ws.tk('project', 'add-user', 'bob', '-role', 'editor', '-project', 'TK')
    await ws.tk('add', 'work', '-a', 'bob')
    const assigned = await ws.tk('user', 'delete', 'bob')
    expect(assigned.stderr).toMatch(/bob is assigned to TK-T-1\nhint: unassign/)
    expect((await ws.tk('user', 'delete', 'alice')).stdout.trim()).toBe('deleted user alice')
    expect((await ws.tk('user', 'enable')).code).toBe(2)
  })

  it('refuses admin operations to a non-admin, with a hint', async () => {
    const ws = await tempWorkspace()
    await ws.tk('user', 'create', 'carol', '-password', 'carol-password')
    const r = await as(ws, 'carol', 'user', 'list')
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/error: only an admin may list users \(you are carol\)\nhint: /)
    expect((await as(ws, 'carol', 'workflow', 'create', 'x')).code).toBe(1)
    expect((await as(ws, 'carol', 'workflow', 'list')).code).toBe(0)
    const p = await as(ws, 'carol', 'project', 'users')
    expect(p.stderr).toMatch(/only an owner of project TK/)
    await ws.tk('user', 'disable', 'carol')
    const disabled = await as(ws, 'carol', 'ls')
    expect([disabled.code, disabled.stderr]).toEqual([
      1,
      'error: user "carol" is disabled\nhint: ask an admin to enable it: tk user enable carol\n',
    ])
  })

  it('grants a project role through a team and its ancestors', async () => {
    const ws = await tempWorkspace()
    await ws.tk('user', 'create', 'carol', '-password', 'carol-password')
    await ws.tk('team', 'create', 'Engineering')
    await ws.tk('team', 'create', 'Platform', '-parent', 'Engineering')
    await ws.tk('team', 'add-member', 'Platform', 'carol')
    await ws.tk('project', 'add-team', 'Engineering', '-role', 'owner')
    const owner = await as(ws, 'carol', 'project', 'users', '--json')
    expect(owner.code).toBe(0)
    expect(JSON.parse(owner.stdout).map((m: { username: string }) => m.username)).toEqual(['admin'])
    // A direct membership wins over what a team grants.
    await ws.tk('project', 'add-user', 'carol', '-role', 'viewer')
    expect((await as(ws, 'carol', 'project', 'users')).code).toBe(1)
    // Team owners manage their team; plain members do not.
    expect((await as(ws, 'carol', 'team', 'update', 'Platform', '-d', 'x')).stderr).toMatch(
      /only an owner of team Platform/,
    )
    await ws.tk('team', 'add-member', 'Platform', 'carol', '-role', 'owner')
    expect((await as(ws, 'carol', 'team', 'update', 'Platform', '-d', 'x')).code).toBe(0)
  })
})

describe('tk team and project access', () => {
  it('builds nested teams and gives them and users roles on a project', async () => {
    const ws = await tempWorkspace()
    await ws.tk('user', 'create', 'alice', '-password', 'alice-password')
    expect((await ws.tk('team', 'create', 'Engineering')).stdout).toMatch(
      /created team #1 Engineering/,
    )
    expect(
      (await ws.tk('team', 'create', '-name', 'Platform', '-parent', 'Engineering')).stdout,
    ).toMatch(/created team #2 Platform under Engineering/)
    const cycle = await ws.tk('team', 'update', 'Engineering', '-parent', 'Platform')
    expect([cycle.code, cycle.stderr]).toEqual([1, expect.stringMatching(/cycle/)])
    const member = await ws.tk(
      'team',
      'add-member',
      'Platform',
      '-user',
      'alice',
      '-role',
      'owner',
      '-job-title',
      'SRE',
    )
    expect(member.stdout.trim()).toBe('added alice to team Platform as owner (SRE)')
    expect((await ws.tk('team', 'members', 'Platform')).stdout).toMatch(/alice\s+owner\s+SRE/)
    expect((await ws.tk('team', 'list')).stdout).toMatch(/2\s+Platform\s+Engineering/)
    const agent = await ws.tk('team', 'add-agent', 'Platform', '-agent', 'alice')
    expect(agent.stderr).toMatch(/alice is a person, not an agent/)

    expect((await ws.tk('project', 'add-team', 'Platform', '-role', 'editor')).stdout.trim()).toBe(
      'team Platform is now editor of project TK',
    )
    expect((await ws.tk('project', 'teams')).stdout).toMatch(/Platform\s+editor/)
    expect((await ws.tk('project', 'add-user', '-user', 'alice', '-role', 'viewer')).code).toBe(0)
    expect(
      (await ws.json<{ username: string }[]>('project', 'users')).map((m) => m.username),
    ).toEqual(['admin', 'alice'])
    expect((await ws.tk('project', 'add-user', 'alice', '-role', 'god')).stderr).toMatch(
      /invalid project role "god"/,
    )
    expect((await ws.tk('project', 'remove-user', 'admin')).stderr).toMatch(/last owner/)
    const detail = await ws.tk('team', 'get', 'Platform')
    expect(detail.stdout).toMatch(/Projects\s+: TK \(editor\)/)

    const refused = await ws.tk('team', 'delete', 'Platform')
    expect(refused.stderr).toMatch(/team Platform has access to projects TK\nhint: .*remove-team/)
    expect((await ws.tk('project', 'remove-team', 'Platform')).code).toBe(0)
    expect((await ws.tk('team', 'delete', 'Engineering')).stderr).toMatch(/sub-teams: Platform/)
    expect((await ws.tk('team', 'remove-member', 'Platform', 'alice')).code).toBe(0)
    expect((await ws.tk('team', 'delete', 'Platform')).stdout.trim()).toBe('deleted team Platform')
    expect((await ws.tk('team', 'update', 'Engineering')).code).toBe(2)
  })
})
