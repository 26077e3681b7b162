import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/temp-dir.ts'
import { TK_BIN } from '../support/workspace.ts'

describe('tk server', () => {
  it('prints its banner, serves, and on SIGTERM drains and closes the database', async () => {
    const home = join(tempDir('tk-server-'), '.ticket')
    const child = spawn(process.execPath, [TK_BIN, 'server', '-addr', '127.0.0.1:0'], {
      env: { ...process.env, TICKET_HOME: home, TICKET_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
    })
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
    await expect
      .poll(() => out, { timeout: 15_000 })
      .toMatch(/listening: http:\/\/127\.0\.0\.1:\d+/)
    expect(out).toMatch(/^ticket server \S+\ndatabase: .*ticket\.db\n/)
    expect(out).toMatch(/created user admin with password \S+ \(shown once\)/)
    const url = /listening: (\S+)/.exec(out)![1]!
    expect((await fetch(`${url}/api/healthz`)).status).toBe(200)
    // The same process, now running with the server's memory settings.
    const cmdline = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0')
    expect(cmdline).toContain('--max-semi-space-size=4')
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(out).toContain('SIGTERM: finishing requests and closing the database')
    // A cleanly closed SQLite database leaves no write-ahead log behind.
    expect(existsSync(join(home, 'ticket.db'))).toBe(true)
    expect(existsSync(join(home, 'ticket.db-wal'))).toBe(false)
  })
})
