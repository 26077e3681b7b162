import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { STATES } from '../../src/domain/lifecycle.ts'
import { TICKET_TYPES } from '../../src/domain/ticket.ts'
import { seedDatabase } from '../../src/service/bootstrap.ts'
import { findActor, LocalService } from '../../src/service/local-service.ts'
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.ts'
import { TICKET_COUNT_DRIFT } from '../../src/store/ticket-counts.ts'

type Store = Awaited<ReturnType<typeof openSqliteStore>>
let dir: string
let store: Store
let svc: LocalService

beforeAll(async () => {
  // Shared by every test here, so made and removed around them all.
  dir = mkdtempSync(join(tmpdir(), 'tk-counts-'))
  store = await openSqliteStore(join(dir, 'ticket.db'), { create: true })
  await seedDatabase(store, { password: 'secret-password', now: new Date() })
  svc = new LocalService({ store, actor: await findActor(store, 'admin'), ownsStore: false })
  await svc.createProject({ prefix: 'AA', title: 'First' })
  await svc.createProject({ prefix: 'BB', title: 'Second' })
})

afterAll(async () => {
  await store?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Groups where the counts table and a GROUP BY over tickets disagree: none when exact. */
const drift = () => store.read(async (db) => (await sql.raw(TICKET_COUNT_DRIFT).execute(db)).rows)

const stored = () =>
  store.read((db) =>
    db
      .selectFrom('ticket_counts')
      .selectAll()
      .orderBy('project_id')
      .orderBy('type')
      .orderBy('stage')
      .orderBy('state')
      .execute(),
  )

const project = fc.constantFrom('AA', 'BB')
const pick = fc.nat()
const op = fc.oneof(
  fc.record({
    kind: fc.constant('create' as const),
    project,
    type: fc.constantFrom(...TICKET_TYPES),
  }),
  fc.record({
    kind: fc.constant('stage' as const),
    pick,
    stage: fc.constantFrom('design', 'develop', 'test', 'done'),
  }),
  fc.record({ kind: fc.constant('state' as const), pick, state: fc.constantFrom(...STATES) }),
  fc.record({ kind: fc.constant('close' as const), pick, value: fc.boolean() }),
  fc.record({ kind: fc.constant('archive' as const), pick, value: fc.boolean() }),
  fc.record({ kind: fc.constant('delete' as const), pick }),
  fc.record({ kind: fc.constant('clone' as const), pick }),
  fc.record({ kind: fc.constant('import' as const) }),
)
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never

async function apply(o: Op): Promise<void> {
  const keys = await store.read(async (db) =>
    (await db.selectFrom('tickets').select('key').orderBy('id').execute()).map((r) => r.key),
  )
  const key = 'pick' in o ? keys[o.pick % Math.max(1, keys.length)] : undefined
  if ('pick' in o && key === undefined) return
  switch (o.kind) {
    case 'create':
      await svc.createTicket({ project: o.project, title: 'counted', type: o.type })
      return
    case 'stage':
      await svc.setStage(key!, o.stage)
      return
    case 'state':
      await svc.setState(key!, o.state, { force: true })
      return
    case 'close':
      await svc.setFlag(key!, 'open', o.value)
      return
    case 'archive':
      await svc.setFlag(key!, 'archived', o.value)
      return
    case 'delete':
      await svc.deleteTicket(key!)
      return
    case 'clone':
      await svc.cloneTicket(key!)
      return
    case 'import':
      await svc.importSnapshot(await svc.exportSnapshot(), { force: true })
      return
  }
}

describe('ticket_counts', () => {
  it('matches a GROUP BY over tickets after any sequence of ticket changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const o of ops) {
          // Refused changes (a rule of the workflow, a missing ticket…) change nothing.
          await apply(o).catch(() => undefined)
          expect(await drift()).toEqual([])
        }
      }),
      { numRuns: 40 },
    )
    expect((await stored()).length).toBeGreaterThan(0)
  })

  it('keeps no group whose count fell to zero', async () => {
    expect((await stored()).every((r) => r.n > 0)).toBe(true)
  })

  it('is not exported, and is refilled by an import', async () => {
    const snapshot = await svc.exportSnapshot()
    expect(JSON.stringify(snapshot)).not.toContain('ticket_counts')
    await svc.createTicket({ project: 'AA', title: 'after export' })
    await svc.importSnapshot(snapshot, { force: true })
    expect(await drift()).toEqual([])
  })

  it('follows a project deleted with its tickets', async () => {
    await svc.createTicket({ project: 'BB', title: 'goes with its project' })
    await svc.deleteProject('BB')
    expect(await drift()).toEqual([])
    const left = await store.read((db) =>
      db.selectFrom('projects').select('id').orderBy('id').execute(),
    )
    const ids = new Set(left.map((p) => p.id))
    expect((await stored()).every((r) => ids.has(r.project_id))).toBe(true)
  })
})
