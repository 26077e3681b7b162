import { join } from 'node:path'
import { seedDatabase } from '../../src/service/bootstrap.ts'
import { findActor, LocalService } from '../../src/service/local-service.ts'
import type { TicketService } from '../../src/service/ticket-service.ts'
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.ts'
import { tempDir } from './temp-dir.ts'

async function seededStore() {
  const store = await openSqliteStore(join(tempDir('tk-db-'), 'ticket.db'), { create: true })
  await seedDatabase(store, { password: 'admin-password', now: new Date() })
  return store
}

/** A LocalService over a new, seeded SQLite file, acting as admin. */
export async function openLocalService(options: { now?: () => Date } = {}): Promise<TicketService> {
  const store = await seededStore()
  return new LocalService({
    store,
    actor: await findActor(store, 'admin'),
    ...(options.now ? { now: options.now } : {}),
  })
}

/** An admin's LocalService and others over the same file acting as an agent (local mode trusts). */
export async function openLocalAgentWorld() {
  const store = await seededStore()
  const admin = new LocalService({
    store,
    actor: await findActor(store, 'admin'),
    ownsStore: false,
  })
  return {
    admin,
    asAgent: async (id: string) =>
      new LocalService({ store, actor: await findActor(store, id), ownsStore: false }),
    close: () => store.close(),
  }
}
