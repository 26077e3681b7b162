import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it, onTestFinished } from 'vitest'
import { startServer } from '../../src/server/start.ts'
import { caller } from '../support/http.ts'
import { fill, tmpfs } from '../support/mount.ts'
import { runTk } from '../support/workspace.ts'

// quality.md "Reliability": on a full disk a write says so and leaves nothing behind, and reads
// go on. A real tmpfs fills up here, so the engine meets ENOSPC in its WAL and in the shared
// memory file it makes on open, not only the page limit of test/store/failures.test.ts.

const PASSWORD = 'full-disk-password'
const FULL = 'the disk is full; nothing was changed'
// Larger than any space the WAL already holds, so each write needs blocks the disk lacks
// (and under the 128 KiB a single command-line argument may have).
const BIG = 'x'.repeat(100_000)

it('a full disk: creates and updates from the CLI and the server say so, write nothing, and reads go on', async () => {
  const mnt = tmpfs('4m')
  const home = join(mnt, '.ticket')
  const tk = (...args: string[]) => runTk(args, { cwd: mnt, env: { TICKET_HOME: home } })
  expect((await tk('init', '-password', PASSWORD)).code).toBe(0)
  expect((await tk('add', '-project', 'TK', 'written before')).stdout.trim()).toBe('TK-T-1')

  const server = await startServer({ dbPath: join(home, 'ticket.db'), host: '127.0.0.1', port: 0 })
  onTestFinished(() => server.close())
  const login = await caller(server.url)('POST', '/api/login', {
    username: 'admin',
    password: PASSWORD,
  })
  expect(login.status).toBe(200)
  const api = caller(server.url, (login.body as { token: string }).token)

  const filler = fill(mnt)
  const created = await api('POST', '/api/tickets', {
    project: 'TK',
    title: 'refused',
    description: BIG,
  })
  expect(created.status).toBe(503)
  expect(created.body).toEqual({ error: FULL, hint: 'free some disk space and try again' })
  const updated = await api('PATCH', '/api/tickets/TK-T-1', { description: BIG })
  expect(updated.status).toBe(503)
  expect((updated.body as { error: string }).error).toBe(FULL)
  const read = await api('GET', '/api/tickets/TK-T-1')
  expect(read.status).toBe(200)
  expect(read.body).toMatchObject({ title: 'written before', description: '' })

  // The CLI beside the running server.
  const add = await tk('add', '-project', 'TK', '-d', BIG, 'refused')
  expect(add.code).toBe(1)
  expect(add.stderr).toBe(`error: ${FULL}\nhint: free some disk space and try again\n`)
  expect((await tk('list', '-project', 'TK')).stdout).toContain('written before')

  // The CLI alone: its first read has to work without growing the shared-memory file.
  await server.close()
  fill(mnt)
  const list = await tk('list', '-project', 'TK')
  expect(list.stderr).toBe('')
  expect(list.stdout).toContain('TK-T-1')
  const again = await tk('add', '-project', 'TK', '-d', BIG, 'refused')
  expect(again.code).toBe(1)
  expect(again.stderr).toBe(`error: ${FULL}\nhint: free some disk space and try again\n`)
  const edit = await tk('update', 'TK-T-1', '-project', 'TK', '-d', BIG)
  expect(edit.code).toBe(1)
  expect(edit.stderr).toContain(`error: ${FULL}\n`)

  // Nothing was half-written: no ticket, no consumed key, no changed field, a sound file.
  rmSync(filler)
  expect((await tk('add', '-project', 'TK', 'after')).stdout.trim()).toBe('TK-T-2')
  const tickets = JSON.parse((await tk('list', '-project', 'TK', '--json')).stdout) as {
    key: string
    description: string
  }[]
  expect(tickets.map((t) => t.key).sort()).toEqual(['TK-T-1', 'TK-T-2'])
  expect(tickets.every((t) => t.description === '')).toBe(true)
  const doctor = await tk('doctor')
  expect(doctor.code, doctor.stdout + doctor.stderr).toBe(0)
})
