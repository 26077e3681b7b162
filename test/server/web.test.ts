import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { caller } from '../support/http.ts'
import { ADMIN_PASSWORD, signedIn, startTestServer } from '../support/server.ts'
import { tempDir } from '../support/temp-dir.ts'

describe('the web app at /', () => {
  it('serves the build, falls back to index.html outside /api/, and keeps /api/ JSON', async () => {
    const root = tempDir('tk-web-')
    mkdirSync(join(root, 'assets'))
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>ticket web</title>')
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)')
    const server = await startTestServer({ webRoot: root })
    onTestFinished(() => server.close())
    const get = caller(server.url)
    expect((await get('GET', '/')).text).toContain('ticket web')
    const js = await get('GET', '/assets/app.js')
    expect(js.headers.get('content-type')).toMatch(/javascript/)
    expect((await get('GET', '/board/CUS')).text).toContain('ticket web')
    expect(await get('GET', '/api/nothing')).toMatchObject({
      status: 404,
      body: { error: expect.any(String) },
    })
    expect((await get('GET', '/assets/app.js')).headers.get('x-frame-options')).toBe('DENY')
  })

  it('says the server is up, with a link to the API docs, when there is no build', async () => {
    const server = await startTestServer({ webRoot: tempDir('tk-noweb-') })
    onTestFinished(() => server.close())
    const home = await caller(server.url)('GET', '/')
    expect(home.status).toBe(200)
    expect(home.text).toMatch(/is up[\s\S]*href="\/api\/docs"/)
    expect((await caller(server.url)('GET', '/elsewhere')).status).toBe(404)
  })
})

describe('compression', () => {
  it('compresses assets and large JSON as asked (brotli or gzip), not small answers', async () => {
    const root = tempDir('tk-web-')
    mkdirSync(join(root, 'assets'))
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>ticket web</title>')
    writeFileSync(join(root, 'assets', 'app-1a2b3c.js'), `console.log("${'x'.repeat(5000)}")`)
    const server = await startTestServer({ webRoot: root })
    onTestFinished(() => server.close())
    const admin = await signedIn(server)
    await admin.createProject({ prefix: 'CUS', title: 'Customer' })
    for (let i = 0; i < 10; i++) await admin.createTicket({ project: 'CUS', title: `Ticket ${i}` })
    const get = caller(server.url)

    const js = await get('GET', '/assets/app-1a2b3c.js', undefined, { 'accept-encoding': 'br' })
    expect(js.headers.get('content-encoding')).toBe('br')
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(js.text).toContain('x'.repeat(5000))

    const login = await get('POST', '/api/login', {
      username: 'admin',
      password: ADMIN_PASSWORD,
    })
    const { token } = login.body as { token: string }
    const list = await caller(server.url, token)('GET', '/api/tickets?project=CUS', undefined, {
      'accept-encoding': 'gzip',
    })
    expect(list.status).toBe(200)
    expect(list.headers.get('content-encoding')).toBe('gzip')
    expect(list.body).toHaveLength(10)

    const small = await get('GET', '/api/status', undefined, { 'accept-encoding': 'br, gzip' })
    expect(small.headers.get('content-encoding')).toBeNull()
  })
})
