import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { tempWorkspace } from '../support/workspace.ts'

describe('tk export and tk import', () => {
  it('round-trips a workspace into a new one, restoring a deleted ticket', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'Keep me', '-d', 'with a description')
    await ws.tk('label', 'create', 'urgent')
    await ws.tk('label', 'add', '1', 'urgent')
    await ws.tk('time', 'log', '1', '-m', '20')
    const file = `${ws.dir}/snap.json`
    const out = await ws.tk('export', '-o', file)
    expect(out.code).toBe(0)
    expect(out.stdout).toMatch(/^exported snapshot to .*snap\.json \(\d+ rows in \d+ tables\)$/m)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const snap = JSON.parse(readFileSync(file, 'utf8'))
    expect(snap).toMatchObject({ format: 'ticket-snapshot', schema_version: expect.any(Number) })
    await ws.tk('rm', '1')
    const restore = await ws.tk('import', '-i', file)
    expect(restore).toMatchObject({ code: 0 })
    expect((await ws.json<{ title: string; labels: string[] }>('get', '1')).labels).toEqual([
      'urgent',
    ])

    const fresh = await tempWorkspace()
    const imported = await fresh.json<{ tables: Record<string, number> }>('import', file)
    expect(imported.tables.tickets).toBe(1)
    expect((await fresh.tk('time', 'total', '1')).stdout).toMatch(/20m/)
    expect((await fresh.tk('search', 'description')).stdout).toMatch(/TK-T-1/)
  })

  it('refuses to replace work, newer schemas and broken files, changing nothing', async () => {
    const ws = await tempWorkspace()
    const file = `${ws.dir}/snap.json`
    await ws.tk('export', '-o', file)
    await ws.tk('add', 'Precious')
    const busy = await ws.tk('import', '-i', file)
    expect(busy.code).toBe(1)
    expect(busy.stderr).toMatch(/already holds 1 ticket/)
    expect(busy.stderr).toMatch(/^hint: .*-force/m)
    const snap = JSON.parse(readFileSync(file, 'utf8'))
    writeFileSync(`${ws.dir}/newer.json`, JSON.stringify({ ...snap, schema_version: 999 }))
    const newer = await ws.tk('import', '-i', `${ws.dir}/newer.json`, '-force')
    expect(newer.stderr).toMatch(/schema version 999; this tk knows up to \d+/)
    writeFileSync(`${ws.dir}/bad.json`, '{"format": "ticket-snapshot"')
    expect((await ws.tk('import', '-i', `${ws.dir}/bad.json`)).stderr).toMatch(/is not JSON/)
    writeFileSync(`${ws.dir}/other.json`, '{"hello": 1}')
    expect((await ws.tk('import', '-i', `${ws.dir}/other.json`)).stderr).toMatch(
      /not a ticket snapshot/,
    )
    expect((await ws.tk('import', '-i', `${ws.dir}/missing.json`)).stderr).toMatch(/cannot read/)
    expect((await ws.tk('import')).code).toBe(2)
    expect((await ws.json<{ title: string }[]>('ls')).map((t) => t.title)).toEqual(['Precious'])
    expect((await ws.tk('import', '-i', file, '-force')).code).toBe(0)
    expect(await ws.json('ls')).toEqual([])
  })

  it('restores into a directory without a workspace, and cleans up when it cannot', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'Carried over')
    const file = `${ws.dir}/snap.json`
    await ws.tk('export', '-o', file)
    const fresh = await tempWorkspace({ init: false })
    const r = await fresh.tk('import', '-i', file)
    expect(r).toMatchObject({ code: 0, stdout: expect.stringMatching(/^imported snapshot from/) })
    expect((await fresh.json<{ title: string }[]>('ls')).map((t) => t.title)).toEqual([
      'Carried over',
    ])
    const other = await tempWorkspace({ init: false })
    writeFileSync(
      `${ws.dir}/newer.json`,
      JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), schema_version: 999 }),
    )
    expect((await other.tk('import', '-i', `${ws.dir}/newer.json`)).code).toBe(2)
    expect(existsSync(`${other.home}/ticket.db`)).toBe(false)
  })

  it('writes to stdout with -o -', async () => {
    const ws = await tempWorkspace()
    const r = await ws.tk('export', '-o', '-')
    expect(JSON.parse(r.stdout).tables.users.rows).toHaveLength(1)
  })
})
