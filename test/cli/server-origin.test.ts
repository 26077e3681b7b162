import { describe, expect, it } from 'vitest'
import { caller } from '../support/http.ts'
import { spawnServer } from '../support/server-process.ts'
import { tempDir } from '../support/temp-dir.ts'
import { runTk } from '../support/workspace.ts'

describe('tk server behind a reverse proxy', () => {
  it('-origin trusts the public address with the cookie; -trust-proxy reads X-Forwarded-Proto', async () => {
    const server = await spawnServer(['-origin', 'https://tickets.example.com', '-trust-proxy'])
    const anon = caller(server.url)
    const login = await anon(
      'POST',
      '/api/login',
      { username: 'admin', password: server.adminPassword },
      { 'x-forwarded-proto': 'https' },
    )
    expect(login.headers.get('set-cookie')).toMatch(/;\s*Secure/i)
    expect(login.headers.get('strict-transport-security')).toMatch(/max-age=/)
    const cookie = `ticket_token=${(login.body as { token: string }).token}`
    const create = (origin: string) =>
      anon('POST', '/api/projects', { prefix: 'PX', title: 'Proxied' }, { cookie, origin })
    expect((await create('https://evil.example')).status).toBe(403)
    expect((await create('https://tickets.example.com')).status).toBe(201)
  })

  it('refuses an -origin that is not one, naming the fix', async () => {
    const dir = tempDir('tk-origin-')
    const r = await runTk(['server', '-addr', '127.0.0.1:0', '-origin', 'tickets.example.com'], {
      cwd: dir,
      env: { TICKET_HOME: `${dir}/.ticket` },
    })
    expect(r.code).not.toBe(0)
    expect(r.stderr).toMatch(
      /^error: invalid origin "tickets\.example\.com"\nhint: .*-origin https:/m,
    )
  })
})
