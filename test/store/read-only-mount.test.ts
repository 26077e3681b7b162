import { join } from 'node:path'
import { expect, it } from 'vitest'
import { remount, tmpfs } from '../support/mount.ts'
import { runTk } from '../support/workspace.ts'

// quality.md "Reliability": a workspace that cannot be written still answers reads, and a
// write says why it was refused. A real read-only mount, because root (as on CI) ignores the
// permission bits a chmod would set.

const PASSWORD = 'read-only-password'
const READ_ONLY = 'the database is read-only; nothing was changed'

async function readOnlyWorkspace() {
  const mnt = tmpfs('8m')
  const home = join(mnt, '.ticket')
  const tk = (...args: string[]) => runTk(args, { cwd: mnt, env: { TICKET_HOME: home } })
  expect((await tk('init', '-password', PASSWORD)).code).toBe(0)
  expect((await tk('add', '-project', 'TK', 'written before')).stdout.trim()).toBe('TK-T-1')
  remount(mnt, 'ro')
  return { mnt, home, tk }
}

it('a workspace on a read-only mount: tk lists and shows, and refuses writes saying why', async () => {
  const { mnt, tk } = await readOnlyWorkspace()
  const list = await tk('list', '-project', 'TK')
  expect(list.stderr).toBe('')
  expect(list.code).toBe(0)
  expect(list.stdout).toContain('written before')
  const get = await tk('get', 'TK-T-1')
  expect(get.code, get.stderr).toBe(0)
  expect(get.stdout).toContain('written before')

  const add = await tk('add', '-project', 'TK', 'refused')
  expect(add.code).toBe(1)
  expect(add.stderr).toMatch(new RegExp(`^error: ${READ_ONLY}\nhint: .*read-write mount.*\n$`))
  const update = await tk('update', 'TK-T-1', '-title', 'changed')
  expect(update.code).toBe(1)
  expect(update.stderr).toContain(`error: ${READ_ONLY}\n`)

  remount(mnt, 'rw')
  const tickets = JSON.parse((await tk('list', '-project', 'TK', '--json')).stdout) as {
    key: string
    title: string
  }[]
  expect(tickets.map((t) => [t.key, t.title])).toEqual([['TK-T-1', 'written before']])
  expect((await tk('add', '-project', 'TK', 'after')).stdout.trim()).toBe('TK-T-2')
})

it('tk server refuses to start on a read-only workspace, saying why', async () => {
  const { tk } = await readOnlyWorkspace()
  const server = await tk('server', '-addr', '127.0.0.1:0')
  expect(server.code).toBe(1)
  expect(server.stdout).not.toContain('listening')
  expect(server.stderr).toMatch(/^error: the database at \S+ticket\.db is read-only\nhint: .+\n$/)
})
