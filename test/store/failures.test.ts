import { join } from 'node:path'
import { sql } from 'kysely'
import { describe, expect, it, onTestFinished } from 'vitest'
import { TicketError } from '../../src/domain/errors.ts'
import { seedDatabase } from '../../src/service/bootstrap.ts'
import { findActor, LocalService } from '../../src/service/local-service.ts'
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.ts'
import { tempDir } from '../support/temp-dir.ts'

// quality.md "Reliability": a disk-full or read-only database gives a clear error, writes
// nothing, and reads go on. The engine's own limits stand in for the disk: query_only makes
// the connection read-only, max_page_count makes the file full.

async function service() {
  const store = await openSqliteStore(join(tempDir('tk-fail-'), 'ticket.db'), { create: true })
  onTestFinished(() => store.close())
  await seedDatabase(store, { password: 'secret-password', now: new Date() })
  const svc = new LocalService({ store, actor: await findActor(store, 'admin'), ownsStore: false })
  const kept = await svc.createTicket({ project: 'TK', title: 'written before' })
  return { store, svc, kept }
}

async function refusal(p: Promise<unknown>): Promise<TicketError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(TicketError)
  return e as TicketError
}

describe('a database that cannot take writes', () => {
  it('read-only: says so, changes nothing, and still answers reads', async () => {
    const { store, svc, kept } = await service()
    await sql`PRAGMA query_only = ON`.execute(store.db)
    const e = await refusal(svc.createTicket({ project: 'TK', title: 'refused' }))
    expect(e.code).toBe('unavailable')
    expect(e.message).toBe('the database is read-only; nothing was changed')
    expect((await refusal(svc.updateTicket(kept.key, { title: 'changed' }))).code).toBe(
      'unavailable',
    )
    expect((await svc.getTicket(kept.key)).title).toBe('written before')
    expect((await svc.listTickets({ project: 'TK' })).map((t) => t.key)).toEqual([kept.key])
    await sql`PRAGMA query_only = OFF`.execute(store.db)
    expect((await svc.createTicket({ project: 'TK', title: 'after' })).key).toBe('TK-T-2')
  })

  it('full: says so, leaves no part of the write behind, and still answers reads', async () => {
    const { store, svc, kept } = await service()
    const { rows } = await sql<{ page_count: number }>`PRAGMA page_count`.execute(store.db)
    await sql.raw(`PRAGMA max_page_count = ${rows[0]!.page_count}`).execute(store.db)
    const big = 'x'.repeat(200_000)
    const e = await refusal(svc.createTicket({ project: 'TK', title: 'too big', description: big }))
    expect(e.code).toBe('unavailable')
    expect(e.message).toBe('the disk is full; nothing was changed')
    // The ticket, its history event and the project's sequence all rolled back together.
    expect((await svc.listTickets({ project: 'TK' })).map((t) => t.key)).toEqual([kept.key])
    expect((await svc.getTicket(kept.key)).title).toBe('written before')
    await sql`PRAGMA max_page_count = 1073741823`.execute(store.db)
    expect((await svc.createTicket({ project: 'TK', title: 'after' })).key).toBe('TK-T-2')
  })
})
