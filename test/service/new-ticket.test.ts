import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { seedDatabase } from '../../src/service/bootstrap.ts'
import { type Ctx, mutate, record } from '../../src/service/local/context.ts'
import { insertNewTicket } from '../../src/service/local/new-ticket.ts'
import { findActor } from '../../src/service/local-service.ts'
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.ts'
import { tempDir } from '../support/temp-dir.ts'

const NOW = new Date('2026-11-24T08:00:00.000Z')

async function context(): Promise<Ctx> {
  const store = await openSqliteStore(join(tempDir('tk-new-'), 'ticket.db'), { create: true })
  onTestFinished(() => store.close())
  await seedDatabase(store, { password: 'secret-password', now: NOW })
  return { store, actor: await findActor(store, 'admin'), now: () => NOW }
}

const project = (ctx: Ctx) =>
  ctx.store.read((db) =>
    db
      .selectFrom('projects')
      .select(['id', 'prefix'])
      .where('prefix', '=', 'TK')
      .executeTakeFirstOrThrow(),
  )

const rowOf = (ctx: Ctx, id: number) =>
  ctx.store.read((db) =>
    db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
  )

const historyOf = (ctx: Ctx, id: number) =>
  ctx.store.read((db) =>
    db
      .selectFrom('history')
      .select(['event_type', 'actor', 'payload'])
      .where('ticket_id', '=', id)
      .execute(),
  )

describe('insertNewTicket', () => {
  it('starts a ticket with only a type and title at the defaults, and records it', async () => {
    const ctx = await context()
    const tk = await project(ctx)
    const made = await mutate(ctx, (tx) =>
      insertNewTicket(tx, { project: tk, type: 'bug', title: 'Crash' }),
    )
    expect(made.key).toBe('TK-B-1')
    expect(await rowOf(ctx, made.id)).toMatchObject({
      project_id: tk.id,
      seq: 1,
      key: 'TK-B-1',
      type: 'bug',
      title: 'Crash',
      description: '',
      acceptance_criteria: '',
      git_repository: '',
      git_branch: '',
      parent_id: null,
      clone_of_id: null,
      workflow_id: null,
      stage: 'design',
      state: 'idle',
      priority: 3,
      sort_order: 0,
      estimate_effort: 0,
      estimate_complete: null,
      assignee: null,
      open: 1,
      archived: 0,
      ready: 0,
      review_status: null,
      attempts: 0,
      created_by: 'admin',
      created_at: NOW.toISOString(),
      updated_at: NOW.toISOString(),
    })
    expect(await historyOf(ctx, made.id)).toEqual([
      {
        event_type: 'ticket_created',
        actor: 'admin',
        payload: JSON.stringify({
          type: 'bug',
          title: 'Crash',
          status: 'design/idle',
          parent: null,
          assignee: null,
        }),
      },
    ])
  })

  it('takes what the caller gives over the defaults and numbers tickets in turn', async () => {
    const ctx = await context()
    const tk = await project(ctx)
    const [first, second] = await mutate(ctx, async (tx) => [
      await insertNewTicket(tx, { project: tk, type: 'epic', title: 'Epic' }),
      await insertNewTicket(tx, {
        project: tk,
        type: 'task',
        title: 'Task',
        priority: 1,
        description: 'd',
      }),
    ])
    expect([first!.key, second!.key]).toEqual(['TK-E-1', 'TK-T-2'])
    expect(await rowOf(ctx, second!.id)).toMatchObject({ priority: 1, description: 'd' })
  })
})

describe('record', () => {
  // What matters here is checked by `tsc` (npm run typecheck): each wrong call must not compile.
  it('takes only known kinds of event, each with its own payload', async () => {
    const ctx = await context()
    const unknownKind = { project_id: null, event_type: 'ticket_teleported', payload: {} } as const
    const wrongPayload = {
      project_id: null,
      event_type: 'ticket_stage_changed',
      payload: { label: 'x' },
    } as const
    const noPayload = { project_id: null, event_type: 'ticket_claimed' } as const
    const rolledBack = ctx.store.transaction(async (db) => {
      // @ts-expect-error: no such kind
      await record(db, ctx, unknownKind)
      // @ts-expect-error: a stage change records old and new, not a label
      await record(db, ctx, wrongPayload)
      // @ts-expect-error: the payload is required, even when empty
      await record(db, ctx, noPayload)
      await record(db, ctx, { ...noPayload, payload: {} })
      throw new Error('rolled back')
    })
    await expect(rolledBack).rejects.toThrow('rolled back')
  })
})
