import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { get } from 'node:http'
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

  // The framework, its plugins and the docs page are bundled into dist/ (decision 0038): the
  // built server must still find the docs page's files, compress, and serve the web build.
  it('serves the API docs page, compressed answers and the web build from the bundle', async () => {
    const home = join(tempDir('tk-server-'), '.ticket')
    const child = spawn(process.execPath, [TK_BIN, 'server', '-addr', '127.0.0.1:0'], {
      env: { ...process.env, TICKET_HOME: home, TICKET_URL: '' },
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    let out = ''
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
    })
    const exited = new Promise((resolve) => child.on('exit', resolve))
    try {
      await expect.poll(() => out, { timeout: 15_000 }).toMatch(/listening: http:\S+/)
      const url = /listening: (\S+)/.exec(out)![1]!
      const docs = await fetch(`${url}/api/docs`)
      expect(docs.status).toBe(200)
      expect(await docs.text()).toContain('swagger')
      const script = await fetch(`${url}/api/docs/static/swagger-ui-bundle.js`)
      expect(script.status).toBe(200)
      expect(script.headers.get('content-type')).toMatch(/javascript/)
      expect((await script.text()).length).toBeGreaterThan(100_000)
      const logo = await fetch(`${url}/api/docs/static/logo.svg`)
      expect(logo.headers.get('content-type')).toMatch(/svg/)
      expect(await logo.text()).toContain('<svg')
      const spec = await fetch(`${url}/api/openapi.json`, { headers: { 'accept-encoding': 'br' } })
      expect(spec.headers.get('content-encoding')).toBe('br')
      expect(((await spec.json()) as { openapi: string }).openapi).toBe('3.1.0')
      const home = await fetch(`${url}/board/TK`)
      expect(home.headers.get('content-type')).toMatch(/text\/html/)
      expect(await home.text()).toContain('<title>ticket</title>')
      // A path that climbs out of the build is refused (a URL would resolve the `..` itself).
      const climbed = await new Promise<{ status?: number; body: string }>((resolve, reject) =>
        get(
          { host: '127.0.0.1', port: new URL(url).port, path: '/assets/%2e%2e/index.html' },
          (res) => {
            let body = ''
            res.on('data', (d: Buffer) => {
              body += d.toString()
            })
            res.on('end', () => resolve({ status: res.statusCode, body }))
          },
        ).on('error', reject),
      )
      expect(climbed.status).toBe(403)
      expect(JSON.parse(climbed.body)).toEqual({ error: expect.any(String) })
    } finally {
      child.kill('SIGTERM')
      await exited
    }
  })
})
