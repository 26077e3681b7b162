import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.ts'
import { caller } from '../support/http.ts'
import { tempDir } from '../support/temp-dir.ts'
import { runTk, TK_BIN } from '../support/workspace.ts'

// quality.md "Reliability": a killed server loses nothing it acknowledged, and the local CLI
// and the server share one database without either seeing SQLITE_BUSY.

const PASSWORD = 'reliable-password'

async function startServer(home: string): Promise<{ child: ChildProcess; url: string }> {
  const init = await runTk(['init', '-password', PASSWORD], {
    cwd: tempDir('tk-cwd-'),
    env: { TICKET_HOME: home },
  })
  expect(init.code, init.stderr).toBe(0)
  const child = spawn(process.execPath, [TK_BIN, 'server', '-addr', '127.0.0.1:0'], {
    env: { ...process.env, TICKET_HOME: home, TICKET_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString()
  })
  await expect.poll(() => out, { timeout: 15_000 }).toMatch(/listening: http:\/\/\S+/)
  return { child, url: /listening: (\S+)/.exec(out)![1]! }
}

async function signIn(url: string) {
  const r = await caller(url)('POST', '/api/login', { username: 'admin', password: PASSWORD })
  expect(r.status).toBe(200)
  return caller(url, (r.body as { token: string }).token)
}

/**
 * Creates tickets from `workers` concurrent loops until `until()` says stop; the 2xx keys, which
 * also collect in `keys` as they come, for a caller that waits on progress.
 */
async function createWhile(
  api: ReturnType<typeof caller>,
  workers: number,
  until: () => boolean,
  title: string,
  keys: string[] = [],
): Promise<string[]> {
  const loop = async () => {
    while (!until()) {
      try {
        const r = await api('POST', '/api/tickets', { project: 'TK', title })
        if (r.status === 201) keys.push((r.body as { key: string }).key)
        else if (r.status >= 500) throw new Error(`${r.status} ${r.text}`)
      } catch (e) {
        // A connection cut by the kill is expected; anything else fails the test.
        if (!until()) throw e
      }
    }
  }
  await Promise.all(Array.from({ length: workers }, loop))
  return keys
}

describe('reliability', () => {
  it('kill -9 under write load: the database checks out and every acknowledged create is there', async () => {
    const home = join(tempDir('tk-kill-'), '.ticket')
    const { child, url } = await startServer(home)
    onTestFinished(() => {
      child.kill('SIGKILL')
    })
    const api = await signIn(url)
    let killed = false
    const progress: string[] = []
    const creating = createWhile(api, 8, () => killed, 'before the kill', progress)
    // Killed mid-stream: once a good number of creates are acknowledged and more are in flight.
    await expect.poll(() => progress.length, { timeout: 30_000 }).toBeGreaterThan(20)
    child.kill('SIGKILL')
    killed = true
    await new Promise((r) => child.once('exit', r))
    const acknowledged = await creating
    expect(acknowledged.length).toBeGreaterThan(10)

    const store = await openSqliteStore(join(home, 'ticket.db'))
    onTestFinished(() => store.close())
    expect(await store.integrityCheck()).toEqual(['ok'])
    const present = new Set(
      (await store.read((db) => db.selectFrom('tickets').select('key').execute())).map(
        (t) => t.key,
      ),
    )
    expect(acknowledged.filter((k) => !present.has(k))).toEqual([])
    // A create cut off before its commit used no key: the keys left are 1…n, none skipped.
    expect(gaps([...present])).toEqual([])
  })

  it('the local CLI and the server write one database at once: no busy errors, nothing lost', async () => {
    const dir = tempDir('tk-shared-')
    const home = join(dir, '.ticket')
    const { child, url } = await startServer(home)
    onTestFinished(() => {
      child.kill('SIGKILL')
    })
    const api = await signIn(url)
    let done = false
    const overHttp = createWhile(api, 4, () => done, 'over http')
    const local = async (n: number) => {
      const keys: string[] = []
      for (let i = 0; i < 6; i++) {
        const r = await runTk(['add', `local ${n}.${i}`, '--json'], {
          cwd: dir,
          env: { TICKET_HOME: home },
        })
        expect(r.stderr).not.toMatch(/busy|locked/i)
        expect(r.code, r.stderr).toBe(0)
        keys.push((JSON.parse(r.stdout) as { key: string }).key)
      }
      return keys
    }
    const localKeys = (await Promise.all([0, 1, 2].map(local))).flat()
    done = true
    const httpKeys = await overHttp
    const all = [...localKeys, ...httpKeys]
    expect(new Set(all).size).toBe(all.length)
    const listed = (await api('GET', '/api/tickets?project=TK&limit=0')).body as { key: string }[]
    const present = new Set(listed.map((t) => t.key))
    expect(all.filter((k) => !present.has(k))).toEqual([])
    expect(gaps([...present])).toEqual([])
  })
})

/** The sequence numbers missing below the highest of `keys` (quality.md: keys gap-free). */
function gaps(keys: readonly string[]): number[] {
  const seqs = new Set(keys.map((k) => Number(k.split('-').at(-1))))
  const top = Math.max(0, ...seqs)
  return Array.from({ length: top }, (_, i) => i + 1).filter((n) => !seqs.has(n))
}
