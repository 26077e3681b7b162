import { describe, expect, it } from 'vitest'
import { runTk, tempWorkspace } from '../support/workspace.ts'

// domain.md "Assignment and claim": two claimants can never get the same ticket.
describe('concurrent claims', () => {
  it('8 processes, 3 eligible tickets: exactly 3 winners, each ticket once, clean NO-WORK for the rest', async () => {
    const ws = await tempWorkspace()
    for (const name of ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi']) {
      const r = await ws.tk('user', 'create', '-username', name, '-password', 'pw-long-enough')
      if (r.code !== 0) throw new Error(`cannot create users yet: ${r.stderr}`)
      // A public project lets every user read; claiming needs an editor (docs/authorisation.md).
      await ws.tk('project', 'add-user', name, '-role', 'editor', '-project', 'TK')
    }
    for (const title of ['one', 'two', 'three']) {
      const t = await ws.json<{ key: string }>('add', title)
      await ws.tk('stage', t.key, 'develop')
      await ws.tk('ready', t.key)
    }
    await ws.tk('add', 'not ready')
    const users = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi']
    const results = await Promise.all(
      users.map((u) =>
        runTk(['claim', '--json'], {
          cwd: ws.dir,
          env: { TICKET_HOME: ws.home, TICKET_USERNAME: u },
        }),
      ),
    )
    for (const r of results) expect(r.code, r.stderr).toBe(0)
    const answers = results.map(
      (r) =>
        JSON.parse(r.stdout) as {
          status: string
          ticket: { key: string; assignee: string } | null
        },
    )
    const winners = answers.filter((a) => a.status === 'ASSIGNED')
    expect(winners).toHaveLength(3)
    expect(new Set(winners.map((w) => w.ticket!.key)).size).toBe(3)
    expect(answers.filter((a) => a.status === 'NO-WORK' && a.ticket === null)).toHaveLength(5)
    const stored = await ws.json<{ key: string; assignee: string; state: string }[]>(
      'ls',
      '-state',
      'active',
    )
    expect(stored.map((t) => t.assignee).sort()).toEqual(
      winners.map((w) => w.ticket!.assignee).sort(),
    )
  })
})
