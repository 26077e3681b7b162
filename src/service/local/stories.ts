/** @module User stories: per-project statements of need, linked to the tickets that deliver them. */
import type { Selectable } from 'kysely'
import type { Access } from '../../domain/access.ts'
import { conflict, invalid, notFound } from '../../domain/errors.ts'
import {
  assertStoryMove,
  parseStoryStatus,
  type Story,
  type StoryDetail,
  type StoryStatus,
} from '../../domain/story.ts'
import { characterCount, refuseHiddenCharacters } from '../../domain/terminal-text.ts'
import type { StoriesTable } from '../../store/database.ts'
import { idList } from '../../store/id-list.ts'
import type { Db } from '../../store/store.ts'
import { selectTickets, toTickets } from '../../store/tickets.ts'
import type { NewStory, StoryPatch } from '../planning-service.ts'
import { assertProjectAccess, projectFor, ticketFor } from './access.ts'
import { type Ctx, record, stamp } from './context.ts'
import { assertProjectOpen } from './guards.ts'

type StoryRow = Selectable<StoriesTable> & { project_prefix: string }

function storyTitle(input: string): string {
  const t = input.replace(/\s+/g, ' ').trim()
  if (t === '') throw invalid('story title is required', 'e.g. tk story create "As a customer …"')
  refuseHiddenCharacters(t, 'story title')
  if (characterCount(t) > 500) throw invalid('story title is longer than 500 characters')
  return t
}

const selectStories = (db: Db) =>
  db
    .selectFrom('stories as s')
    .innerJoin('projects as p', 'p.id', 's.project_id')
    .selectAll('s')
    .select('p.prefix as project_prefix')

const storyNotFound = (id: number) =>
  notFound(`story ${id} not found`, 'list stories with tk story list')

async function findStory(db: Db, id: number): Promise<StoryRow | undefined> {
  if (!Number.isInteger(id) || id <= 0)
    throw invalid(`invalid story id "${id}"`, 'story ids are whole numbers; see tk story list')
  return selectStories(db).where('s.id', '=', id).executeTakeFirst()
}

/** A story the caller may `access`; one in a project they may not read does not exist. */
export async function storyFor(db: Db, ctx: Ctx, id: number, access: Access): Promise<StoryRow> {
  const row = await findStory(db, id)
  await assertProjectAccess(db, ctx, row?.project_id ?? -1, access, () => storyNotFound(id))
  return row!
}

async function resolveStory(db: Db, id: number): Promise<StoryRow> {
  const row = await findStory(db, id)
  if (!row) throw storyNotFound(id)
  return row
}

const linkedRows = (db: Db, storyIds: readonly number[]) =>
  db
    .selectFrom('story_tickets as st')
    .innerJoin('tickets as t', 't.id', 'st.ticket_id')
    .select(['st.story_id', 't.key', 't.id'])
    .where('st.story_id', 'in', storyIds.length > 0 ? storyIds : [-1])
    .orderBy('st.created_at')
    .orderBy('t.id')
    .execute()

async function toStories(db: Db, rows: readonly StoryRow[]): Promise<Story[]> {
  const links = await linkedRows(
    db,
    rows.map((r) => r.id),
  )
  return rows.map((r) => ({
    ...r,
    tickets: links.filter((l) => l.story_id === r.id).map((l) => l.key),
  }))
}

async function detail(db: Db, id: number): Promise<StoryDetail> {
  const row = await resolveStory(db, id)
  const ids = (await linkedRows(db, [id])).map((l) => l.id)
  const rows =
    ids.length > 0 ? await selectTickets(db).where('t.id', 'in', idList(db, ids)).execute() : []
  rows.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))
  return { ...row, tickets: await toTickets(db, rows) }
}

export async function createStory(ctx: Ctx, input: NewStory): Promise<Story> {
  const title = storyTitle(input.title)
  return ctx.store.transaction(async (db) => {
    const p = await projectFor(db, ctx, input.project, 'write')
    await assertProjectOpen(db, p.id)
    const at = stamp(ctx)
    const s = await db
      .insertInto('stories')
      .values({
        project_id: p.id,
        title,
        description: input.description?.trim() ?? '',
        status: 'draft',
        created_by: ctx.actor.username,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await record(db, ctx, {
      event_type: 'story_created',
      project_id: p.id,
      payload: { story_id: s.id, title },
    })
    const [story] = await toStories(db, [await resolveStory(db, s.id)])
    return story!
  })
}

export async function listStories(
  ctx: Ctx,
  filter: { project: string; status?: StoryStatus },
): Promise<Story[]> {
  const status = filter.status === undefined ? undefined : parseStoryStatus(filter.status)
  return ctx.store.read(async (db) => {
    const p = await projectFor(db, ctx, filter.project, 'read')
    let q = selectStories(db).where('s.project_id', '=', p.id)
    if (status) q = q.where('s.status', '=', status)
    return toStories(db, await q.orderBy('s.created_at', 'desc').orderBy('s.id', 'desc').execute())
  })
}

export const getStory = (ctx: Ctx, id: number) =>
  ctx.store.read(async (db) => {
    await storyFor(db, ctx, id, 'read')
    return detail(db, id)
  })

export async function updateStory(ctx: Ctx, id: number, patch: StoryPatch): Promise<Story> {
  const next: Partial<Selectable<StoriesTable>> = {}
  if (patch.title !== undefined) next.title = storyTitle(patch.title)
  if (patch.description !== undefined) next.description = patch.description.trim()
  if (patch.status !== undefined) next.status = parseStoryStatus(patch.status)
  if (Object.keys(next).length === 0)
    throw invalid('nothing to update', 'give a field, e.g. -title "…" or -status ready_for_review')
  return ctx.store.transaction(async (db) => {
    const before = await storyFor(db, ctx, id, 'write')
    if (next.status !== undefined) assertStoryMove(before.status, next.status)
    await db
      .updateTable('stories')
      .set({ ...next, updated_at: stamp(ctx) })
      .where('id', '=', id)
      .execute()
    await record(db, ctx, {
      event_type: 'story_updated',
      project_id: before.project_id,
      payload: {
        story_id: id,
        fields: Object.keys(next),
        ...(next.status ? { old_status: before.status, new_status: next.status } : {}),
      },
    })
    const [story] = await toStories(db, [await resolveStory(db, id)])
    return story!
  })
}

export async function deleteStory(ctx: Ctx, id: number): Promise<void> {
  await ctx.store.transaction(async (db) => {
    const s = await storyFor(db, ctx, id, 'write')
    // Links go with the story (foreign keys cascade); the tickets stay.
    await db.deleteFrom('stories').where('id', '=', id).execute()
    await record(db, ctx, {
      event_type: 'story_deleted',
      project_id: s.project_id,
      payload: { story_id: id, title: s.title },
    })
  })
}

export async function linkStory(ctx: Ctx, id: number, ref: string): Promise<StoryDetail> {
  return ctx.store.transaction(async (db) => {
    const s = await storyFor(db, ctx, id, 'write')
    const t = await ticketFor(db, ctx, ref, 'read')
    if (t.project_id !== s.project_id)
      throw conflict(
        `ticket ${t.key} is in project ${t.project_prefix}, story ${id} in ${s.project_prefix}`,
        'link tickets of the story’s own project',
      )
    const r = await db
      .insertInto('story_tickets')
      .values({ story_id: id, ticket_id: t.id, created_at: stamp(ctx) })
      .onConflict((oc) => oc.columns(['story_id', 'ticket_id']).doNothing())
      .executeTakeFirst()
    if (Number(r.numInsertedOrUpdatedRows ?? 0) > 0)
      await record(db, ctx, {
        event_type: 'story_linked',
        project_id: t.project_id,
        ticket_id: t.id,
        ticket_key: t.key,
        payload: { story_id: id, title: s.title },
      })
    return detail(db, id)
  })
}

export async function unlinkStory(ctx: Ctx, id: number, ref: string): Promise<StoryDetail> {
  return ctx.store.transaction(async (db) => {
    const s = await storyFor(db, ctx, id, 'write')
    const t = await ticketFor(db, ctx, ref, 'read')
    const r = await db
      .deleteFrom('story_tickets')
      .where('story_id', '=', id)
      .where('ticket_id', '=', t.id)
      .executeTakeFirst()
    if (Number(r.numDeletedRows) === 0)
      throw notFound(`ticket ${t.key} is not linked to story ${id}`, `see: tk story get ${id}`)
    await record(db, ctx, {
      event_type: 'story_unlinked',
      project_id: t.project_id,
      ticket_id: t.id,
      ticket_key: t.key,
      payload: { story_id: id, title: s.title },
    })
    return detail(db, id)
  })
}
