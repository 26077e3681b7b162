import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { seedWorkspace } from '../../bench/seed.ts'
import type { Ticket } from '../../src/domain/ticket.ts'
import { findActor, LocalService } from '../../src/service/local-service.ts'
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.ts'
import { spawnServer } from '../support/server-process.ts'
import { tempDir } from '../support/temp-dir.ts'
import { runTk } from '../support/workspace.ts'

/** 2,500 tickets, every one with "ticket" in its title: more than two pages of 1,000 matches. */
async function seeded() {
  const dir = tempDir('tk-search-pages-')
  const home = join(dir, '.ticket')
  await seedWorkspace(home, 2500)
  // The unpaged read: every match in one service call, as `tk search -n 0` read them before.
  const store = await openSqliteStore(join(home, 'ticket.db'))
  const svc = new LocalService({ store, actor: await findActor(store, 'admin') })
  const all = await svc.searchTickets('ticket', { project: 'TK', limit: 0 })
  const titled = await svc.searchTickets('password', { project: 'TK', limit: 0 })
  await svc.close()
  return { dir, home, all, titled }
}

const pretty = (ts: readonly Ticket[]) =>
  `[\n${ts.map((t) => `  ${JSON.stringify({ key: t.key, title: t.title }, null, 2).replaceAll('\n', '\n  ')}`).join(',\n')}\n]\n`

describe('tk search -n 0 across more than one page (1,000 matches a read)', () => {
  it('returns every match exactly once, the same text as one unpaged read', async () => {
    const { dir, home, all, titled } = await seeded()
    const tk = (...args: string[]) => runTk(args, { cwd: dir, env: { TICKET_HOME: home } })
    expect(all).toHaveLength(2500)
    const keys = all.map((t) => t.key)
    expect(new Set(keys).size).toBe(2500)

    const json = await tk('search', 'ticket', '-n', '0', '--json')
    expect(json.code).toBe(0)
    expect(json.stdout).toBe(`${JSON.stringify(all)}\n`)
    expect(
      (await tk('search', 'ticket', '-n', '0', '--json', '--pretty', '--fields', 'key,title'))
        .stdout,
    ).toBe(pretty(all))

    const table = (await tk('search', 'ticket', '-n', '0')).stdout.trimEnd().split('\n')
    expect(table[0]).toMatch(/^ID\s+TYPE\s+TITLE/)
    expect(table.filter((l) => l.startsWith('ID'))).toHaveLength(1)
    expect(table.slice(1).map((l) => l.split(/\s+/)[1])).toEqual(keys)

    // A condition the CLI applies to the matches (-title) holds on every page, in order.
    const narrowed = await tk('search', 'ticket', '-n', '0', '--json', '--title', 'password')
    expect((JSON.parse(narrowed.stdout) as Ticket[]).map((t) => t.key)).toEqual(
      all.filter((t) => t.title.includes('password')).map((t) => t.key),
    )
    // A second word narrows in the query itself.
    expect((await tk('search', 'password', '-n', '0', '--json')).stdout).toBe(
      `${JSON.stringify(titled)}\n`,
    )
  })

  it('no match is [] in --json and says so in a table', async () => {
    const dir = tempDir('tk-search-pages-')
    const home = join(dir, '.ticket')
    await seedWorkspace(home, 10)
    const tk = (...args: string[]) => runTk(args, { cwd: dir, env: { TICKET_HOME: home } })
    expect((await tk('search', 'zebra', '-n', '0', '--json')).stdout).toBe('[]\n')
    expect((await tk('search', 'zebra', '-n', '0')).stdout).toBe('no tickets match "zebra"\n')
  })

  it('over a real server: the same text, and the API streams the array or one ticket a line', async () => {
    const { dir, home, all, titled } = await seeded()
    const server = await spawnServer([], { TICKET_HOME: home })
    const remote = {
      TICKET_HOME: join(dir, 'client'),
      TICKET_URL: server.url,
      TICKET_USERNAME: 'admin',
      TICKET_PASSWORD: 'bench-password',
    }
    const tk = (...args: string[]) => runTk(args, { cwd: dir, env: remote })
    const json = await tk('search', 'ticket', '-n', '0', '--json', '-project', 'TK')
    expect(json.stderr).toBe('')
    expect(json.stdout).toBe(`${JSON.stringify(all)}\n`)
    const table = (await tk('search', 'ticket', '-n', '0', '-project', 'TK')).stdout
    expect(
      table
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((l) => l.split(/\s+/)[1]),
    ).toEqual(all.map((t) => t.key))
    expect((await tk('search', 'password', '-n', '0', '--json', '-project', 'TK')).stdout).toBe(
      `${JSON.stringify(titled)}\n`,
    )

    const login = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'bench-password' }),
    })
    const { token } = (await login.json()) as { token: string }
    const get = (query: string, accept = 'application/json') =>
      fetch(`${server.url}/api/tickets?${query}`, {
        headers: { authorization: `Bearer ${token}`, accept },
      })
    // Without asking for lines: the JSON array it always was, byte for byte.
    const array = await get('q=ticket&limit=0&project=TK')
    expect(array.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await array.text()).toBe(JSON.stringify(all))
    // Asking for lines: one ticket a line, every match once, in the same order.
    const lines = await get('q=ticket&limit=0&project=TK', 'application/x-ndjson')
    expect(lines.headers.get('content-type')).toMatch(/^application\/x-ndjson/)
    const text = await lines.text()
    expect(text.endsWith('\n')).toBe(true)
    expect(
      text
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as Ticket).key),
    ).toEqual(all.map((t) => t.key))
    expect(await (await get('q=zebra&limit=0&project=TK', 'application/x-ndjson')).text()).toBe('')
    // A refused search is refused before the first byte: its error, not a cut-off stream.
    const unknown = await get('q=ticket&limit=0&project=NOPE', 'application/x-ndjson')
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ error: 'project "NOPE" not found' })
  })
})
