import { join } from 'node:path'
import { seedDatabase } from '../../src/service/bootstrap.ts'
import { findActor, LocalService } from '../../src/service/local-service.ts'
import type { TicketService } from '../../src/service/ticket-service.ts'
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.ts'
import { tempDir } from './temp-dir.ts'

/** A LocalService over a new, seeded SQLite file, acting as admin. */
export async function openLocalService(options: { now?: () => Date } = {}): Promise<TicketService> {
  const store = await openSqliteStore(join(tempDir('tk-db-'), 'ticket.db'), { create: true })
  await seedDatabase(store, { password: 'admin-password', now: new Date() })
  return new LocalService({
    store,
    actor: await findActor(store, 'admin'),
    ...(options.now ? { now: options.now } : {}),
  })
}
