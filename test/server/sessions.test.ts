import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { seedDatabase } from '../../src/service/bootstrap.ts'
import { authenticate, login, logout } from '../../src/service/local/accounts.ts'
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.ts'
import { tempDir } from '../support/temp-dir.ts'

const DAY = 24 * 60 * 60 * 1000

async function store() {
  const s = await openSqliteStore(join(tempDir('tk-sessions-'), 'ticket.db'), { create: true })
  onTestFinished(() => s.close())
  await seedDatabase(s, { password: 'admin-password', now: new Date() })
  return s
}

// api.md "Authentication": tokens are random, stored hashed, and expire after 30 days idle.
describe('sessions', () => {
  it('stores only a hash of a 256-bit token', async () => {
    const s = await store()
    const { token } = await login(s, 'admin', 'admin-password', new Date())
    expect(Buffer.from(token, 'base64url')).toHaveLength(32)
    const rows = await s.read((db) => db.selectFrom('sessions').selectAll().execute())
    expect(rows).toHaveLength(1)
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(rows)).not.toContain(token)
  })

  it('ends after 30 days without use, and each use pushes the end back', async () => {
    const s = await store()
    const t0 = new Date('2026-01-01T00:00:00Z')
    const { token } = await login(s, 'admin', 'admin-password', t0)
    const at = (days: number) => new Date(t0.getTime() + days * DAY)
    expect((await authenticate(s, token, at(20)))?.username).toBe('admin')
    // Used on day 20, so still valid on day 45 (25 days idle); then idle for 31 days, it ends.
    expect((await authenticate(s, token, at(45)))?.username).toBe('admin')
    expect(await authenticate(s, token, at(76))).toBeNull()
    expect(await s.read((db) => db.selectFrom('sessions').selectAll().execute())).toEqual([])
  })

  it('ends on logout', async () => {
    const s = await store()
    const { token } = await login(s, 'admin', 'admin-password', new Date())
    await logout(s, token)
    expect(await authenticate(s, token, new Date())).toBeNull()
  })
})
