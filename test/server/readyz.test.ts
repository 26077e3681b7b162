import { describe, expect, it, onTestFinished } from 'vitest'
import { SCHEMA_VERSION } from '../../src/store/migrations/index.ts'
import { TEST_DIALECTS } from '../support/dialects.ts'
import { startTestServer } from '../support/server.ts'
import { createTestDatabase } from '../support/store.ts'

describe.each(TEST_DIALECTS)('readiness on %s', (dialect) => {
  it('answers /api/readyz with the schema version while the database is migrated and answers', async () => {
    const server = await startTestServer({ dialect })
    onTestFinished(() => server.close())
    const res = await fetch(`${server.url}/api/readyz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'ok', schema_version: SCHEMA_VERSION })
  })
})

describe.runIf(TEST_DIALECTS.includes('postgres'))('readiness without a database', () => {
  it('answers 503 with an error and a hint once the database is gone', async () => {
    const database = await createTestDatabase()
    const { startServer } = await import('../../src/server/start.ts')
    const server = await startServer({
      dbPath: database.url,
      host: '127.0.0.1',
      port: 0,
      adminPassword: 'admin-password',
    })
    onTestFinished(() => server.close())
    await database.drop()
    const res = await fetch(`${server.url}/api/readyz`)
    expect(res.status).toBe(503)
    const body = (await res.json()) as { error: string; hint?: string }
    expect(body.error).toMatch(/database/)
    expect(body.hint).toBeTruthy()
  })
})
