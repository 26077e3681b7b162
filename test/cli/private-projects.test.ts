import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { signedIn, startTestServer } from '../support/server.ts'
import { tempDir } from '../support/temp-dir.ts'
import { type RunResult, runTk, tempWorkspace } from '../support/workspace.ts'

// docs/authorisation.md "Hidden and absent" and "Granting access through teams", through the
// built `tk`: a private project is neither named nor told apart from a missing one.
type Tk = (...args: string[]) => Promise<RunResult>

/** Each command with a hidden name and with an absent one of the same length. */
const PAIRS: [args: (name: string) => string[], hidden: string, absent: string][] = [
  [(t) => ['get', t], 'PRIV-T-1', 'NOPE-T-1'],
  [(t) => ['get', t], 'PRIV-T-1', 'PRIV-T-9'],
  [(p) => ['project', 'get', p], 'PRIV', 'NOPE'],
  [(p) => ['list', '-project', p], 'PRIV', 'NOPE'],
  [(t) => ['add', 'child', '-project', 'MINE', '-parent', t], 'PRIV-T-1', 'NOPE-T-1'],
  [(t) => ['dep', 'add', 'MINE-T-1', t], 'PRIV-T-1', 'NOPE-T-1'],
  [(p) => ['project', 'create', '-prefix', p, '-title', 'Brand new'], 'PRIV', 'MINE'],
]

async function expectAlike(tk: Tk) {
  for (const [args, hidden, absent] of PAIRS) {
    const [h, a] = await Promise.all([tk(...args(hidden)), tk(...args(absent))])
    expect(h.code, `${args(hidden).join(' ')}: ${h.stderr}`).toBe(1)
    expect({ ...a, stderr: a.stderr.replaceAll(absent, hidden) }).toEqual(h)
  }
  const team = await tk('team', 'get', 'privteam')
  expect(team.code, team.stderr).toBe(0)
  expect(team.stdout).not.toContain('PRIV')
  // eve owns team out, but not the project that privteam has a role on.
  const moved = await tk('team', 'update', 'out', '-parent', 'privteam')
  expect(moved.code).toBe(1)
  expect(moved.stderr).toContain('error: only an admin, or an owner of every project')
  expect(moved.stderr).not.toContain('PRIV')
  expect((await tk('get', 'PRIV-T-1')).code).toBe(1)
}

/** As admin: private PRIV with a ticket, reached by team privteam; eve owns MINE and team out. */
async function seed(tk: Tk, eve: Tk) {
  for (const args of [
    ['project', 'create', '-prefix', 'PRIV', '-title', 'Secret', '-visibility', 'private'],
    ['add', 'secret', '-project', 'PRIV'],
    ['team', 'create', 'privteam'],
    ['project', 'add-team', '-project', 'PRIV', '-team', 'privteam', '-role', 'viewer'],
    ['team', 'create', 'out'],
    ['team', 'add-member', 'out', 'eve', '-role', 'owner'],
  ]) {
    const r = await tk(...args)
    if (r.code !== 0) throw new Error(`tk ${args.join(' ')}: ${r.stderr}`)
  }
  for (const args of [
    ['project', 'create', '-prefix', 'MINE', '-title', 'Mine'],
    ['add', 'mine', '-project', 'MINE'],
  ]) {
    const r = await eve(...args)
    if (r.code !== 0) throw new Error(`tk ${args.join(' ')}: ${r.stderr}`)
  }
}

describe('private projects through the CLI', () => {
  it('local mode: a hidden name prints what an absent one does; a team neither names nor lends it', async () => {
    const ws = await tempWorkspace()
    await ws.tk('user', 'create', 'eve', '-password', 'eve-password')
    const eve: Tk = (...args) =>
      runTk(args, { cwd: ws.dir, env: { TICKET_HOME: ws.home, TICKET_USERNAME: 'eve' } })
    await seed(ws.tk, eve)
    await expectAlike(eve)
  })

  it('remote mode: the same over HTTP', async () => {
    const server = await startTestServer()
    onTestFinished(() => server.close())
    const admin = await signedIn(server)
    await admin.createUser({ username: 'eve', password: 'eve-password' })
    await admin.createProject({ prefix: 'PRIV', title: 'Secret', visibility: 'private' })
    await admin.createTicket({ project: 'PRIV', title: 'secret' })
    await admin.createTeam({ name: 'privteam' })
    await admin.addProjectTeam('PRIV', { team: 'privteam', role: 'viewer' })
    await admin.createTeam({ name: 'out' })
    await admin.addTeamMember('out', { username: 'eve', role: 'owner' })
    const asEve = await signedIn(server, 'eve', 'eve-password')
    await asEve.createProject({ prefix: 'MINE', title: 'Mine' })
    await asEve.createTicket({ project: 'MINE', title: 'mine' })
    const dir = tempDir('tk-remote-')
    const env = { TICKET_HOME: join(dir, '.ticket'), TICKET_URL: server.url }
    const eve: Tk = (...args) => runTk(args, { cwd: dir, env })
    expect((await eve('login', '-username', 'eve', '-password', 'eve-password')).code).toBe(0)
    await expectAlike(eve)
  })
})
