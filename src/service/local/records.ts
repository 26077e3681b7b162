import type { Expression, Selectable } from 'kysely'
import { usernamesIn } from '../../domain/describe-event.ts'
import { invalid } from '../../domain/errors.ts'
import type { Comment, ConversationEntry, HistoryEvent } from '../../domain/history.ts'
import type { HistoryTable } from '../../store/database.ts'
import { prepared } from '../../store/prepared.ts'
import type { Db } from '../../store/store.ts'
import type { TicketRow } from '../../store/tickets.ts'
import type { HistoryFilter } from '../ticket-service.ts'
import { projectFor, ticketFor, visibleProjectIds } from './access.ts'
import { type Ctx, mutate, record, stamp, type Tx } from './context.ts'
import { assertEditable } from './guards.ts'

const MAX_COMMENT = 100_000

/** A stored event; only `record` writes the table, so its type and payload agree. */
export const toEvent = (r: Selectable<HistoryTable>): HistoryEvent =>
  ({ ...r, payload: JSON.parse(r.payload) }) as HistoryEvent

/** A comment's text, trimmed; refused when empty or too long. */
export function commentText(text: string): string {
  const body = text.trim()
  if (body === '')
    throw invalid('comment text is required', 'e.g. tk comment CUS-T-1 "started on this"')
  if (body.length > MAX_COMMENT) throw invalid(`comment is longer than ${MAX_COMMENT} characters`)
  return body
}

/** Writes a comment on `t` within `tx`; `body` comes from `commentText`. */
export async function addCommentInTx(tx: Tx, t: TicketRow, body: string): Promise<Comment> {
  assertEditable(t)
  const created_at = stamp(tx.ctx)
  const row = await tx.db
    .insertInto('comments')
    .values({ ticket_id: t.id, author: tx.ctx.actor.username, text: body, created_at })
    .returningAll()
    .executeTakeFirstOrThrow()
  await record(tx.db, tx.ctx, {
    project_id: t.project_id,
    ticket_id: t.id,
    ticket_key: t.key,
    event_type: 'comment_added',
    payload: { comment_id: row.id },
  })
  return { ...row, ticket_key: t.key }
}

/** Tells listeners about a comment once its transaction has committed. */
export function emitComment(ctx: Ctx, project: string, c: Comment) {
  ctx.emit?.({
    type: 'comment.added',
    project,
    key: c.ticket_key,
    actor: ctx.actor.username,
    at: c.created_at,
  })
}

export async function addComment(ctx: Ctx, ref: string, text: string): Promise<Comment> {
  const body = commentText(text)
  const { project, comment } = await mutate(ctx, async (tx) => {
    const t = await ticketFor(tx.db, ctx, ref, 'write')
    return { project: t.project_prefix, comment: await addCommentInTx(tx, t, body) }
  })
  emitComment(ctx, project, comment)
  return comment
}

export async function listComments(ctx: Ctx, ref: string, limit = 0): Promise<Comment[]> {
  if (!Number.isInteger(limit) || limit < 0)
    throw invalid(`invalid limit "${limit}"`, 'limit is a whole number ≥ 0 (0 = all)')
  return ctx.store.read(async (db) => {
    const t = await ticketFor(db, ctx, ref, 'read')
    let q = db
      .selectFrom('comments')
      .selectAll()
      .where('ticket_id', '=', t.id)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
    if (limit > 0) q = q.limit(limit)
    const rows = (await q.execute()).reverse()
    const names = await agentNames(
      db,
      rows.map((r) => r.author),
    )
    return rows.map((r) => {
      const name = names.get(r.author)
      return { ...r, ticket_key: t.key, ...(name ? { author_name: name } : {}) }
    })
  })
}

/** How many of the latest comments and history events a ticket is shown with. */
const RECORDS_SHOWN = 20

// A ticket is shown with these on every GET of it: built and compiled once, each with its
// agents' names joined in (usernames are unique) rather than looked up after.
export const latestCommentsQuery = (db: Db, ticketId: number | Expression<number>) =>
  db
    .selectFrom('comments as c')
    .leftJoin('users as u', (j) =>
      j.onRef('u.username', '=', 'c.author').on('u.user_type', '=', 'agent'),
    )
    .selectAll('c')
    .select('u.display_name as agent_name')
    .where('c.ticket_id', '=', ticketId)
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(RECORDS_SHOWN)
const latestComments = prepared(latestCommentsQuery, 'latestComments')
export const latestHistoryQuery = (db: Db, ticketId: number | Expression<number>) =>
  db
    .selectFrom('history as h')
    .leftJoin('users as u', (j) =>
      j.onRef('u.username', '=', 'h.actor').on('u.user_type', '=', 'agent'),
    )
    .selectAll('h')
    .select('u.display_name as agent_name')
    .where('h.ticket_id', '=', ticketId)
    .orderBy('h.id', 'desc')
    .limit(RECORDS_SHOWN)
const latestHistory = prepared(latestHistoryQuery, 'latestHistory')

/**
 * The latest RECORDS_SHOWN comments and history events of `t` (read and checked by the
 * caller), newest first, agents named: what `listComments` and `listHistory` give for the
 * ticket, in the caller's read.
 */
export async function latestRecords(
  db: Db,
  t: TicketRow,
): Promise<{ comments: Comment[]; history: HistoryEvent[] }> {
  const records = recordsOf(t, await latestComments(db, t.id), await latestHistory(db, t.id))
  // The agents an event's payload names ("assigned to …") are looked up only when there are any.
  return records.named(await agentNames(db, records.mentioned))
}

type CommentRow = Awaited<ReturnType<typeof latestComments>>[number]
type HistoryRow = Awaited<ReturnType<typeof latestHistory>>[number]

/**
 * `latestRecords` from the rows its two queries read: the usernames the events' payloads
 * mention, and the records once those among them that are agents are named.
 */
export function recordsOf(
  t: TicketRow,
  commentRows: readonly CommentRow[],
  historyRows: readonly HistoryRow[],
) {
  const comments: Comment[] = commentRows.map(({ agent_name, ...r }) => ({
    ...r,
    ticket_key: t.key,
    ...(agent_name ? { author_name: agent_name } : {}),
  }))
  const events = historyRows.map(({ agent_name, ...r }) => {
    const e = toEvent(r)
    return agent_name ? { ...e, actor_name: agent_name } : e
  })
  const mentioned = events.map(usernamesIn)
  return {
    mentioned: mentioned.flat(),
    named: (names: ReadonlyMap<string, string>) => ({
      comments,
      history: events.map((e, i) => named(e, names, mentioned[i]!)),
    }),
  }
}

/**
 * Agents' names for the agents among `usernames` (a UUID means nothing to a reader); one
 * query over the distinct names, which are few whatever the number of rows.
 */
async function agentNames(db: Db, usernames: readonly string[]): Promise<Map<string, string>> {
  const distinct = [...new Set(usernames)]
  if (distinct.length === 0) return new Map()
  const rows = await db
    .selectFrom('users')
    .select(['username', 'display_name'])
    .where('user_type', '=', 'agent')
    .where('username', 'in', distinct)
    .execute()
  return new Map(rows.map((r) => [r.username, r.display_name]))
}

export async function listHistory(ctx: Ctx, f: HistoryFilter): Promise<HistoryEvent[]> {
  const limit = f.limit ?? 0
  if (!Number.isInteger(limit) || limit < 0)
    throw invalid(`invalid limit "${limit}"`, 'limit is a whole number ≥ 0 (0 = all)')
  return ctx.store.read(async (db) => {
    let q = db.selectFrom('history').selectAll().orderBy('id', 'desc')
    if (f.ticket !== undefined)
      q = q.where('ticket_id', '=', (await ticketFor(db, ctx, f.ticket, 'read')).id)
    if (f.project !== undefined)
      q = q.where('project_id', '=', (await projectFor(db, ctx, f.project, 'read')).id)
    if (f.ticket === undefined && f.project === undefined) {
      const ids = await visibleProjectIds(db, ctx.actor)
      if (ids !== 'all') q = q.where('project_id', 'in', ids.length > 0 ? ids : [-1])
    }
    if (f.actor !== undefined) q = q.where('actor', '=', f.actor)
    if (limit > 0) q = q.limit(limit)
    const events = (await q.execute()).reverse().map(toEvent)
    const mentioned = events.map(usernamesIn)
    const names = await agentNames(db, [...events.map((e) => e.actor), ...mentioned.flat()])
    return events.map((e, i) => named(e, names, mentioned[i]!))
  })
}

/** An event with its agents' names: the actor's, and those of the agents its payload names. */
function named(
  e: HistoryEvent,
  names: ReadonlyMap<string, string>,
  mentioned: readonly string[],
): HistoryEvent {
  const actor = e.actor_name ?? names.get(e.actor)
  const known = mentioned.filter((u) => names.has(u)).map((u) => [u, names.get(u)!] as const)
  return {
    ...e,
    ...(actor ? { actor_name: actor } : {}),
    ...(known.length ? { names: Object.fromEntries(known) } : {}),
  }
}

/** History in order, with each `comment_added` event standing for its comment (exact order). */
export async function conversation(ctx: Ctx, ref: string): Promise<ConversationEntry[]> {
  const [comments, events] = await Promise.all([
    listComments(ctx, ref),
    listHistory(ctx, { ticket: ref }),
  ])
  const byId = new Map(comments.map((c) => [c.id, c]))
  return events.flatMap((e): ConversationEntry[] => {
    if (e.event_type !== 'comment_added') return [{ kind: 'event', ...e }]
    const c = byId.get(e.payload.comment_id)
    return c ? [{ kind: 'comment', ...c }] : []
  })
}
