import { spawn } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedWorkspace } from '../../bench/seed.ts'
import { tempDir } from '../support/temp-dir.ts'
import { runTk, TK_BIN } from '../support/workspace.ts'

// Decision 0049: a command writes its answer straight to descriptor 1 where that is a file, a
// pipe or a socket, and through process.stdout where it is a terminal or refuses to block.

const ARGS = ['list', '-n', '0', '--json']

describe('standard output written to the descriptor', () => {
  // One workspace for the file's tests (seeding it is the slow part).
  const dir = mkdtempSync(join(tmpdir(), 'tk-stdout-'))
  const home = join(dir, '.ticket')
  const env = { TICKET_HOME: home }
  let expected: string
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  beforeAll(async () => {
    // Several hundred KB of answer: far more than a pipe holds.
    await seedWorkspace(home, 3000)
    const plain = await runTk(ARGS, { cwd: home, env })
    expect(plain.code).toBe(0)
    expected = plain.stdout
    expect((JSON.parse(expected) as unknown[]).length).toBe(3000)
  })

  it('gives the whole answer through a descriptor set not to block, read slowly', async () => {
    // A small Node program marks its standard output non-blocking (libuv does so for a socket it
    // opens) and replaces itself by tk, which inherits the descriptor as it is.
    const wrapper = `new (require('node:net').Socket)({ fd: 1, readable: false, writable: true })
process.execve(process.execPath, [process.execPath, ...process.argv.slice(1)], process.env)`
    const child = spawn(process.execPath, ['-e', wrapper, TK_BIN, ...ARGS], {
      cwd: home,
      env: { ...process.env, NO_COLOR: '1', TICKET_URL: '', TICKET_USERNAME: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const chunks: Buffer[] = []
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
    })
    // Reading stops after the first chunk so that the pipe fills and the writer is told to wait
    // (EAGAIN); it goes on a little later. The answer must arrive whole either way.
    child.stdout.once('data', (d: Buffer) => {
      chunks.push(d)
      child.stdout.pause()
      setTimeout(() => {
        child.stdout.on('data', (more: Buffer) => chunks.push(more))
        child.stdout.resume()
      }, 300)
    })
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(Buffer.concat(chunks).toString()).toBe(expected)
  })

  it('gives the same answer into a file', async () => {
    const file = join(tempDir('tk-stdout-file-'), 'out.json')
    const fd = openSync(file, 'w')
    const child = spawn(process.execPath, [TK_BIN, ...ARGS], {
      cwd: home,
      env: { ...process.env, NO_COLOR: '1', TICKET_URL: '', TICKET_USERNAME: '', ...env },
      stdio: ['ignore', fd, 'pipe'],
    })
    closeSync(fd)
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(code).toBe(0)
    expect(readFileSync(file, 'utf8')).toBe(expected)
  })
})
