// Builds a benchmark workspace with `count` tickets in project TK, in bulk (one transaction).
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Insertable } from 'kysely'
import { seedDatabase } from '../src/service/bootstrap.ts'
import type { TicketsTable } from '../src/store/database.ts'
import { openSqliteStore } from '../src/store/sqlite/open-sqlite.ts'
import type { Store } from '../src/store/store.ts'
import { NEW_TICKET } from '../src/store/tickets.ts'

const WORDS = [
  'login',
  'password',
  'reset',
  'email',
  'billing',
  'invoice',
  'report',
  'export',
  'search',
  'cache',
  'deploy',
  'timeout',
  'session',
  'token',
  'profile',
  'upload',
]

export async function seedWorkspace(home: string, count: number): Promise<void> {
  mkdirSync(home, { recursive: true })
  const store = await openSqliteStore(join(home, 'ticket.db'), { create: true })
  await seedStore(store, count)
  await store.close()
  writeFileSync(join(home, 'config.json'), `${JSON.stringify({ project: 'TK' })}\n`)
}

/** The admin (password `bench-password`) and `count` tickets in project TK, in any dialect. */
export async function seedStore(store: Store, count: number): Promise<void> {
  await seedDatabase(store, { password: 'bench-password', now: new Date() })
  await insertTickets(store, { prefix: 'TK', count })
}

/**
 * Inserts `count` tickets into an existing project in one transaction, 500 rows a statement
 * (the triggers keep `ticket_counts`); `stageOf` spreads them over the lanes.
 */
export async function insertTickets(
  store: Store,
  input: { prefix: string; count: number; stageOf?: (seq: number) => string },
): Promise<void> {
  const { prefix, count } = input
  const stageOf = input.stageOf ?? ((seq: number) => (seq % 3 === 0 ? 'develop' : 'design'))
  await store.transaction(async (db) => {
    const project = await db
      .selectFrom('projects')
      .select(['id', 'next_seq'])
      .where('prefix', '=', prefix)
      .executeTakeFirstOrThrow()
    const first = Number(project.next_seq)
    const start = Date.parse('2026-01-01T00:00:00Z')
    for (let i = 0; i < count; i += 500) {
      const rows: Insertable<TicketsTable>[] = []
      for (let seq = first + i; seq < first + Math.min(count, i + 500); seq++) {
        const at = new Date(start + seq * 1000).toISOString()
        const w = (k: number) => WORDS[(seq * 7 + k * 13) % WORDS.length]
        rows.push({
          ...NEW_TICKET,
          project_id: project.id,
          seq,
          key: `${prefix}-T-${seq}`,
          type: 'task',
          title: `${w(1)} ${w(2)} ticket ${seq}`,
          description: `Fix the ${w(3)} ${w(4)} flow`,
          acceptance_criteria: `${w(5)} works`,
          parent_id: null,
          stage: stageOf(seq),
          state: 'idle',
          priority: 1 + (seq % 5),
          ready: seq % 2,
          created_by: 'admin',
          created_at: at,
          updated_at: at,
        })
      }
      await db.insertInto('tickets').values(rows).execute()
    }
    await db
      .updateTable('projects')
      .set({ next_seq: first + count })
      .where('id', '=', project.id)
      .execute()
  })
}
