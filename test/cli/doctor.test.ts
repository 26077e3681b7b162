import { writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { tempWorkspace } from '../support/workspace.ts'

type Report = { ok: boolean; checks: { name: string; status: string; detail: string }[] }

describe('tk doctor', () => {
  it('checks the workspace, database integrity, schema and current project', async () => {
    const ws = await tempWorkspace()
    const r = await ws.tk('doctor')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^\[ok {2}\] integrity {2}ok$/m)
    expect(r.stdout).toMatch(/^\[ok {2}\] schema {5}version \d+ \(current\)$/m)
    expect(r.stdout).toMatch(/^no problems found$/m)
    const json = await ws.json<Report>('doctor')
    expect(json.ok).toBe(true)
    expect(json.checks.map((c) => c.name)).toEqual([
      'workspace',
      'config',
      'database',
      'integrity',
      'rules',
      'schema',
      'project',
    ])
  })

  it('fails with hints when the workspace is missing or the config is broken', async () => {
    const empty = await tempWorkspace({ init: false })
    const r = await empty.tk('doctor')
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/\[FAIL\] workspace/)
    expect(r.stdout).toMatch(/hint: create it with: tk init/)
    const ws = await tempWorkspace()
    writeFileSync(`${ws.home}/config.json`, '{ not json')
    const broken = await ws.tk('doctor', '--json')
    expect(broken.code).toBe(1)
    expect(JSON.parse(broken.stdout).checks[1]).toMatchObject({ name: 'config', status: 'fail' })
  })

  it('finds rules broken behind the service, such as a parent cycle', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'a')
    await ws.tk('add', 'b', '-parent', '1')
    const { DatabaseSync } = await import('node:sqlite')
    const db = new DatabaseSync(`${ws.home}/ticket.db`)
    db.exec("UPDATE tickets SET parent_id = 2 WHERE key = 'TK-T-1'")
    db.close()
    const r = await ws.tk('doctor')
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^\[FAIL\] rules\s+tickets in a parent cycle: TK-T-1, TK-T-2$/m)
  })

  it('finds ticket counts that drifted from the tickets, and the hint rebuilds them', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'a')
    await ws.tk('add', 'b')
    const { DatabaseSync } = await import('node:sqlite')
    const db = new DatabaseSync(`${ws.home}/ticket.db`)
    db.exec('UPDATE ticket_counts SET n = n + 3')
    db.close()
    const r = await ws.tk('doctor')
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(
      /^\[FAIL\] rules\s+the ticket counts that board, summary and count show disagree with the tickets in 1 group; rebuild them with: tk export FILE, then tk import --force FILE$/m,
    )
    const file = `${ws.home}/counts.json`
    expect((await ws.tk('export', file)).code).toBe(0)
    expect((await ws.tk('import', '--force', file)).code).toBe(0)
    expect((await ws.tk('doctor')).code).toBe(0)
  })

  it('reviews a project and a ticket', async () => {
    const ws = await tempWorkspace()
    await ws.tk('epic', 'Auth')
    await ws.tk('add', 'Login', '-parent', '1')
    const p = await ws.tk('doctor', 'project')
    expect(p.stdout).toMatch(/^=== Project Doctor: TK — Default Project ===$/m)
    expect(p.stdout).toMatch(/^Workflow: default \(4 stages\)\n {2}design \(role: BA\)$/m)
    expect(p.stdout).toMatch(/^Tickets: 2 open$/m)
    expect(p.stdout).toMatch(/\[WARN\] 2 tickets have no description: TK-E-1, TK-T-2/)
    const scored = await ws.json<{ health: { ticket_key: string }[] }>(
      'doctor',
      'project',
      '-health',
    )
    expect(scored.health).toHaveLength(2)
    const t = await ws.tk('doctor', 'ticket', '2')
    expect(t.stdout).toMatch(/^=== Ticket Doctor: TK-T-2 — Login ===$/m)
    expect(t.stdout).toMatch(/^Parents: {2}TK-E-1$/m)
    expect(t.stdout).toMatch(/^Role: {5}BA$/m)
    expect(t.stdout).toMatch(/\[WARN\] No acceptance criteria/)
    expect(t.stdout).toMatch(/score: 0\.50 \(2\/4\)/)
    expect((await ws.tk('doctor', 'ticket')).code).toBe(2)
    expect((await ws.tk('doctor', 'project', 'NOPE')).code).toBe(1)
  })
})
