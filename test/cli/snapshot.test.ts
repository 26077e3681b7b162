import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { DatabaseSync } from 'node:sqlite'
import { describe, expect, it } from 'vitest'
import { TK_BIN, tempWorkspace } from '../support/workspace.ts'

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

  it('refuses to export into a directory that does not exist, creating none', async () => {
    const ws = await tempWorkspace()
    const r = await ws.tk('export', '-o', `${ws.dir}/nonexistent/dir/x.json`)
    // cli.md "Exit codes": a value that cannot be used as given is a usage error.
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/error: .*nonexistent\/dir does not exist/)
    expect(r.stderr).toMatch(/hint: /)
    expect(existsSync(`${ws.dir}/nonexistent`)).toBe(false)
  })

  it('reads a snapshot in any JSON layout, not only the one tk export writes', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'Compact and pretty')
    const file = `${ws.dir}/snap.json`
    await ws.tk('export', '-o', file)
    const snap = JSON.parse(readFileSync(file, 'utf8'))
    for (const layout of [JSON.stringify(snap), JSON.stringify(snap, null, 4)]) {
      const fresh = await tempWorkspace({ init: false })
      writeFileSync(`${fresh.dir}/other.json`, layout)
      expect((await fresh.tk('import', '-i', `${fresh.dir}/other.json`)).code).toBe(0)
      expect((await fresh.json<{ title: string }[]>('ls')).map((t) => t.title)).toEqual([
        'Compact and pretty',
      ])
    }
    // A file in the streamed layout that is cut short is refused whole.
    const cut = readFileSync(file, 'utf8').split('\n').slice(0, -4).join('\n')
    writeFileSync(`${ws.dir}/cut.json`, cut)
    const r = await ws.tk('import', '-i', `${ws.dir}/cut.json`, '-force')
    expect(r).toMatchObject({ code: 2, stderr: expect.stringMatching(/not a ticket snapshot/) })
    expect((await ws.json<{ title: string }[]>('ls')).map((t) => t.title)).toEqual([
      'Compact and pretty',
    ])
  })

  it('leaves no database without users when an import into a new directory is interrupted', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'Many of these')
    const file = `${ws.dir}/snap.json`
    await ws.tk('export', '-o', file)
    // Enough tickets that the import is still under way when the interrupt arrives.
    const snap = JSON.parse(readFileSync(file, 'utf8'))
    const tickets = snap.tables.tickets
    const col = (name: string) => tickets.columns.indexOf(name)
    const [template] = tickets.rows
    tickets.rows = Array.from({ length: 150_000 }, (_, i) => {
      const row = [...template]
      row[col('id')] = i + 1
      row[col('seq')] = i + 1
      row[col('key')] = `TK-T-${i + 1}`
      return row
    })
    writeFileSync(file, JSON.stringify(snap))
    const fresh = await tempWorkspace({ init: false })
    const child = spawn(process.execPath, [TK_BIN, 'import', '-i', file], {
      cwd: fresh.dir,
      env: { ...process.env, TICKET_HOME: fresh.home, TICKET_URL: '', TICKET_USERNAME: '' },
      stdio: 'ignore',
    })
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
    // Interrupt as soon as the database file (or the file it is loaded into) appears.
    await expect
      .poll(
        () =>
          existsSync(fresh.home) && readdirSync(fresh.home).some((f) => f.startsWith('ticket.db')),
        {
          timeout: 60_000,
          interval: 5,
        },
      )
      .toBe(true)
    child.kill('SIGINT')
    await exited
    const db = `${fresh.home}/ticket.db`
    if (existsSync(db)) {
      // The import finished before the interrupt: then it is whole.
      const raw = new DatabaseSync(db, { readOnly: true })
      const users = raw.prepare('SELECT count(*) AS n FROM users').get() as { n: number }
      raw.close()
      expect(users.n).toBeGreaterThan(0)
    }
    expect(readdirSync(fresh.home).filter((f) => f.includes('.importing'))).toEqual([])
  })

  it('fills an empty workspace all or nothing: a bad row late in the file changes nothing', async () => {
    const source = await tempWorkspace()
    await source.tk('project', 'create', 'OPS', 'Operations')
    await source.tk('add', 'Keep me', '-d', 'with a description')
    await source.tk('add', 'Child', '--parent', '1')
    await source.tk('label', 'create', 'urgent')
    await source.tk('label', 'add', '1', 'urgent')
    await source.tk('comment', '1', 'a comment')
    await source.tk('time', 'log', '1', '-m', '20')
    await source.tk('add', 'Gone')
    await source.tk('rm', '3')
    await source.tk('user', 'add', 'ann', '-password', 'ann-password-1')
    const file = `${source.dir}/snap.json`
    await source.tk('export', '-o', file)
    const text = readFileSync(file, 'utf8')
    const dropDate = (t: string) => t.replace(/"exported_at": "[^"]*"/, '')

    const target = await tempWorkspace()
    const before = `${target.dir}/before.json`
    await target.tk('export', '-o', before)
    // The last row of the last table, twice: refused (its key is taken) only at the end.
    const lines = text.split('\n')
    const last = lines.findLastIndex((l) => /^\s+\[/.test(l))
    lines.splice(last, 0, `${lines[last]!.replace(/,$/, '')},`)
    writeFileSync(`${target.dir}/bad.json`, lines.join('\n'))
    const db = `${target.home}/ticket.db`
    const inode = statSync(db).ino
    const bad = await target.tk('import', '-i', `${target.dir}/bad.json`)
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringMatching(/^error: .*UNIQUE/) })
    expect(statSync(db).ino).toBe(inode)
    const after = `${target.dir}/after.json`
    await target.tk('export', '-o', after)
    expect(dropDate(readFileSync(after, 'utf8'))).toBe(dropDate(readFileSync(before, 'utf8')))
    expect(readdirSync(target.home).filter((f) => f.includes('.importing'))).toEqual([])

    // The whole file: every entity as it was exported, ids and keys included.
    expect((await target.tk('import', '-i', file)).code).toBe(0)
    // Loaded into a new file that took the old one's place.
    expect(statSync(db).ino).not.toBe(inode)
    await target.tk('export', '-o', after)
    expect(dropDate(readFileSync(after, 'utf8'))).toBe(dropDate(text))
    expect((await target.tk('search', 'description')).stdout).toMatch(/TK-T-1/)
    expect((await target.tk('add', 'Next one')).stdout).toMatch(/TK-T-4/)
  })

  it('loads in place when another connection has the empty workspace open', async () => {
    const source = await tempWorkspace()
    await source.tk('add', 'Seen by the open connection')
    const file = `${source.dir}/snap.json`
    await source.tk('export', '-o', file)
    const target = await tempWorkspace()
    // As a running server would: its connection must see the import, not a replaced file.
    const open = new DatabaseSync(`${target.home}/ticket.db`)
    try {
      const count = () =>
        (open.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n
      expect(count()).toBe(0)
      const db = `${target.home}/ticket.db`
      const inode = statSync(db).ino
      expect((await target.tk('import', '-i', file)).code).toBe(0)
      expect(count()).toBe(1)
      expect(statSync(db).ino).toBe(inode)
    } finally {
      open.close()
    }
  })
})
