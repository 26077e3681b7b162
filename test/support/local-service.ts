import { seedDatabase } from '../../src/service/bootstrap.ts'
import { findActor, LocalService } from '../../src/service/local-service.ts'
import type { TicketService } from '../../src/service/ticket-service.ts'
import type { DialectName } from './dialects.ts'
import { openTestStore } from './store.ts'

async function seededStore(dialect: DialectName) {
  const store = await openTestStore(dialect)
  await seedDatabase(store, { password: 'admin-password', now: new Date() })
  return store
}

/** A LocalService over a new, seeded database of `dialect`, acting as admin. */
export async function openLocalService(
  options: { now?: () => Date; dialect?: DialectName } = {},
): Promise<TicketService> {
  const store = await seededStore(options.dialect ?? 'sqlite')
  return new LocalService({
    store,
    actor: await findActor(store, 'admin'),
    ...(options.now ? { now: options.now } : {}),
  })
}

/** An admin's LocalService and others over the same file acting as an agent (local mode trusts). */
export async function openLocalAgentWorld(dialect: DialectName = 'sqlite') {
  const store = await seededStore(dialect)
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
