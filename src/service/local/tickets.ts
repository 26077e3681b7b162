import type { Selectable } from 'kysely'
import { conflict, invalid } from '../../domain/errors.ts'
import type { HistoryEventType } from '../../domain/history.ts'
import { parseLifecycleInput, type State } from '../../domain/lifecycle.ts'
import {
  canBeParentOf,
  EDITABLE_FIELDS,
  normaliseTitle,
  parseTicketType,
  type Ticket,
  type TicketDetail,
  type TicketType,
} from '../../domain/ticket.ts'
import {
  type FlagAction,
  flagAction,
  locksTicket,
  type TicketFlag,
} from '../../domain/ticket-flags.ts'
import type { SortOrder, TicketSort } from '../../domain/ticket-sort.ts'
import type { TicketsTable } from '../../store/database.ts'
import { dialectSql } from '../../store/dialect-sql.ts'
import { idList } from '../../store/id-list.ts'
import { prepared } from '../../store/prepared.ts'
import type { Db } from '../../store/store.ts'
import { afterAnchor, anchorValues, orderTerms } from '../../store/ticket-order.ts'
import {
  childRowsOf,
  detailExtras,
  type ExtraRow,
  extrasOf,
  selectTickets,
  type TicketRow,
  toTicket,
  toTickets,
  updateTicketRow,
} from '../../store/tickets.ts'
import type { NewTicket, TicketFilter, TicketPatch, TicketWithRecords } from '../ticket-service.ts'
import { toUser } from '../users.ts'
import { assertMayWork, projectFor, ticketFor, visibleProjectIds } from './access.ts'
import { assignTicketInTx } from './claims.ts'
import { at, type Ctx, mutate, record, requireUser, stamp, type Tx } from './context.ts'
import { assertEditable, assertOpen } from './guards.ts'
import { setParentInTx } from './hierarchy.ts'
import { recomputeAncestors, setStageInTx, setStateInTx } from './lifecycle.ts'
import { insertNewTicket } from './new-ticket.ts'
import { loadTicket } from './read.ts'
import { addCommentInTx, commentText, emitComment, latestRecords } from './records.ts'
import { orDefaultStages, resolveTicket } from './resolve.ts'
import { normaliseFields } from './ticket-fields.ts'
import { moveToWorkStageInTx } from './work-stage.ts'

/** Checks the domain.md "Hierarchy" rules for putting `child` (of `childType`) under `parent`. */
export function assertParentAllowed(
  parent: TicketRow,
  child: { id?: number; type: TicketType; project_id: number },
) {
  if (child.id === parent.id) throw invalid('a ticket cannot be its own parent')
  if (parent.project_id !== child.project_id)
    throw invalid(
      `parent ${parent.key} is in another project`,
      'a parent must be in the same project',
    )
  if (!canBeParentOf(parent.type, child.type))
    throw invalid(
      `a ${parent.type} cannot be the parent of a ${child.type}`,
      'epics hold epics, tasks, bugs, spikes, chores and stories; tasks hold tasks, bugs, spikes and chores',
    )
  assertEditable(parent)
}

export async function createTicket(ctx: Ctx, input: NewTicket): Promise<Ticket> {
  const { title = normaliseTitle(input.title), ...fields } = normaliseFields(input)
  const type = input.type ? parseTicketType(input.type) : 'task'
  const published = new Map<number, Ticket>()
  const id = await mutate(
    ctx,
    async (tx) => {
      const { db } = tx
      const project = await projectFor(db, ctx, input.project, 'write')
      assertOpen(project)
      const parent = input.parent ? await ticketFor(db, ctx, input.parent, 'read') : undefined
      if (parent) assertParentAllowed(parent, { type, project_id: project.id })
      const assignee = input.assignee ? await requireUser(db, input.assignee) : undefined
      if (assignee && assignee.enabled !== 1)
        throw conflict(`user ${assignee.username} is disabled`)
      if (assignee) await assertMayWork(db, toUser(assignee), project.id)
      const { id, row } = await insertNewTicket(tx, {
        ...fields,
        project,
        type,
        title,
        parent: parent ?? null,
        assignee: assignee?.username ?? null,
      })
      if (parent) await recomputeAncestors(tx, id)
      // A plain create's row is all its event needs: no parent, assignee, labels or blockers.
      else if (!assignee)
        tx.known.set(id, toTicket(plainRow(row, project.prefix), { labels: [], blocked: [] }))
      return id
    },
    // A plain create's reads are checks that stay true or are checked again by its one write,
    // which takes the project's key counter unless the project is closed: creates in one
    // project queue on the counter only while PostgreSQL runs that statement (decision 0042). A
    // parent's derived lifecycle and an assignee's standing are read-then-write steps it does
    // not cover.
    { mode: input.parent || input.assignee ? 'serializable' : 'one-statement', published },
  )
  return published.get(id) ?? loadTicket(ctx, id)
}

/** A new ticket's row as reads join it, for a ticket with no parent, source or assignee. */
const plainRow = (row: Selectable<TicketsTable>, prefix: string): TicketRow => ({
  ...row,
  project_prefix: prefix,
  parent_key: null,
  clone_of_key: null,
  assignee_display: null,
})

/** The detail of a ticket already read (and checked): children, extras, stages. */
async function detailOf(db: Db, row: TicketRow): Promise<TicketDetail> {
  const children = await childRowsOf(db, row.id)
  return detailFrom(row, children, await detailExtras(db, row, children.length > 0))
}

/** `detailOf` from the rows its queries read. */
export function detailFrom(
  row: TicketRow,
  children: readonly TicketRow[],
  extrasRows: readonly ExtraRow[],
): TicketDetail {
  const extras = extrasOf(extrasRows)
  return {
    ...toTicket(row, extras.of(row.id)),
    children: children.map((c) => toTicket(c, extras.of(c.id))),
    depends_on: extras.list('depends_on', row.id),
    time_minutes: Number(extras.total('time')),
    stages: orDefaultStages(extras.list('stage', row.id)),
  }
}

export async function getTicket(ctx: Ctx, ref: string): Promise<TicketDetail> {
  return ctx.store.read(async (db) => detailOf(db, await ticketFor(db, ctx, ref, 'read')))
}

/**
 * The detail and its latest records from one snapshot, the ticket found and its access checked
 * once: as three reads (detail, comments, history) a GET of one ticket cost twice the server
 * time (docs/decisions/0032-server-hot-path-after-the-original-shapes.md).
 */
export async function getTicketWithRecords(ctx: Ctx, ref: string): Promise<TicketWithRecords> {
  return ctx.store.read(async (db) => {
    const row = await ticketFor(db, ctx, ref, 'read')
    const detail = await detailOf(db, row)
    return { ...detail, ...(await latestRecords(db, row)) }
  })
}

export const DEFAULT_LIST_LIMIT = 100

/**
 * A filter's values, each read and checked (the project, the visible projects, the parent),
 * before any query is built: `bindFilter` then only adds their conditions.
 */
type FilterValues = {
  readonly project?: number
  /** Without a project: the caller's visible projects, or undefined for every project. */
  readonly visible?: readonly number[]
  readonly type?: TicketType
  readonly stage?: string
  readonly state?: State
  readonly assignee?: string
  readonly parent?: number
  /** A label's name, lower-cased. */
  readonly label?: string
  readonly archived: boolean
  readonly closed: boolean
}

async function filterValues(db: Db, ctx: Ctx, f: TicketFilter): Promise<FilterValues> {
  const v: { -readonly [K in keyof FilterValues]: FilterValues[K] } = {
    archived: f.archived === true,
    closed: f.closed === true,
  }
  if (f.project !== undefined) v.project = (await projectFor(db, ctx, f.project, 'read')).id
  else {
    // api.md "Authorisation": private projects are absent from lists and search.
    const ids = await visibleProjectIds(db, ctx.actor)
    if (ids !== 'all') v.visible = ids.length > 0 ? ids : [-1]
  }
  if (f.type !== undefined) v.type = parseTicketType(f.type)
  const { stage, state } = parseLifecycleInput(f)
  if (stage !== undefined) v.stage = stage
  if (state !== undefined) v.state = state
  if (f.assignee !== undefined) v.assignee = f.assignee
  if (f.parent !== undefined) v.parent = (await ticketFor(db, ctx, f.parent, 'read')).id
  if (f.label !== undefined) v.label = f.label.trim().toLowerCase()
  return v
}

/**
 * The conditions of a filter on `t`. `arg` gives each value to bind: the value itself, or a
 * stand-in when the query is compiled once for every filter of its shape (`listPage`).
 */
function bindFilter<Q extends ReturnType<typeof selectTickets>>(
  db: Db,
  q: Q,
  v: FilterValues,
  arg: <K extends keyof FilterValues>(key: K) => NonNullable<FilterValues[K]>,
): Q {
  let r = q as ReturnType<typeof selectTickets>
  if (v.project !== undefined) r = r.where('t.project_id', '=', arg('project'))
  else if (v.visible !== undefined)
    r = r.where('t.project_id', 'in', dialectSql(db).idsIn(arg('visible')))
  if (v.type !== undefined) r = r.where('t.type', '=', arg('type'))
  if (v.stage !== undefined) r = r.where('t.stage', '=', arg('stage'))
  if (v.state !== undefined) r = r.where('t.state', '=', arg('state'))
  if (v.assignee !== undefined) r = r.where('t.assignee', '=', arg('assignee'))
  if (v.parent !== undefined) r = r.where('t.parent_id', '=', arg('parent'))
  if (v.label !== undefined) {
    const name = arg('label')
    r = r.where((eb) =>
      eb.exists(
        eb
          .selectFrom('ticket_labels as tl')
          .innerJoin('labels as l', 'l.id', 'tl.label_id')
          .select('tl.ticket_id')
          .whereRef('tl.ticket_id', '=', 't.id')
          .where((e) => e(e.fn('lower', ['l.name']), '=', name)),
      ),
    )
  }
  if (!v.archived) r = r.where('t.archived', '=', 0)
  if (!v.archived && !v.closed) r = r.where('t.open', '=', 1)
  return r as Q
}

/** The filter as a query, shared by list, count-style callers and search. */
export async function filteredTickets(db: Db, ctx: Ctx, f: TicketFilter) {
  const v = await filterValues(db, ctx, f)
  return bindFilter(db, selectTickets(db), v, (key) => {
    const value = v[key]!
    return (key === 'visible' ? dialectSql(db).idParam(value as number[]) : value) as never
  })
}

/**
 * One page of a list in the list's order, built and compiled once for each shape of filter
 * (which conditions it has, an anchor or not) and afterwards only bound: building and
 * compiling the query cost ≈ 7 % of a page of 50 (decision 0040).
 */
const pageQueries = new Map<string, ReturnType<typeof pageQuery>>()

type PageShape = {
  readonly keys: readonly (keyof FilterValues)[]
  readonly sort: TicketSort
  readonly order: SortOrder
  /** How many values place the anchor (its columns in the order, and its id); 0 for none. */
  readonly anchored: number
  /** False for a whole list (limit 0), which has no LIMIT and no OFFSET. */
  readonly paged: boolean
}

function pageQuery(v: FilterValues, { keys, sort, order, anchored, paged }: PageShape) {
  return prepared((db, ...args: unknown[]) => {
    const slot = (i: number) => args[i] as never
    let q = bindFilter(db, selectTickets(db), v, (key) => slot(keys.indexOf(key)))
    for (const term of orderTerms(sort, order)) q = q.orderBy(term)
    const n = keys.length
    // Keyset paging through the order's index (store/ticket-order.ts).
    if (anchored > 0)
      q = q.where(
        afterAnchor(
          sort,
          order,
          Array.from({ length: anchored }, (_, i) => slot(n + i)),
        ),
      )
    return paged ? q.limit(slot(n + anchored)).offset(slot(n + anchored + 1)) : q
  })
}

const BOUND_KEYS = [
  'project',
  'visible',
  'type',
  'stage',
  'state',
  'assignee',
  'parent',
  'label',
] as const satisfies readonly (keyof FilterValues)[]

async function listPage(
  db: Db,
  v: FilterValues,
  order: { sort: TicketSort; order: SortOrder },
  anchor: TicketRow | undefined,
  limit: number,
  offset: number,
): Promise<TicketRow[]> {
  const anchorAt = anchor === undefined ? [] : anchorValues(order.sort, anchor)
  const shape = {
    keys: BOUND_KEYS.filter((k) => v[k] !== undefined),
    ...order,
    anchored: anchorAt.length,
    paged: limit > 0,
  }
  const key = `${shape.keys.join(',')}|${v.archived}|${v.closed}|${shape.sort}|${shape.order}|${shape.anchored}|${shape.paged}`
  let run = pageQueries.get(key)
  if (!run) {
    run = pageQuery(v, shape)
    pageQueries.set(key, run)
  }
  const values = shape.keys.map((k) =>
    k === 'visible' ? dialectSql(db).idParam(v.visible!) : (v[k] as unknown),
  )
  return run(db, ...values, ...anchorAt, limit, offset)
}

function pageOf(f: TicketFilter) {
  const limit = f.limit ?? DEFAULT_LIST_LIMIT
  if (!Number.isInteger(limit) || limit < 0)
    throw invalid(`invalid limit "${limit}"`, 'limit is a whole number ≥ 0 (0 = no limit)')
  const offset = f.offset ?? 0
  if (!Number.isInteger(offset) || offset < 0) throw invalid(`invalid offset "${offset}"`)
  return { limit, offset }
}

export async function listTickets(ctx: Ctx, f: TicketFilter): Promise<Ticket[]> {
  const { limit, offset } = pageOf(f)
  // A whole list, or a page that reads and skips the rows before it, grows with the data.
  const read = limit === 0 || offset > 0 ? ctx.store.longRead : ctx.store.read
  return read(async (db) => {
    const v = await filterValues(db, ctx, f)
    // Keyset paging: the list goes on after the given ticket's place in the order, read
    // through the order's index, so page 1,000 costs about what page 1 does (an offset reads
    // and skips every row before it).
    const anchor = f.after === undefined ? undefined : await ticketFor(db, ctx, f.after, 'read')
    const sort = f.sort ?? 'updated_at'
    const order = f.order ?? (f.sort === undefined ? 'desc' : 'asc')
    const rows = await listPage(db, v, { sort, order }, anchor, limit, offset)
    return toTickets(db, rows)
  })
}

/** How many tickets `f` matches, whatever its limit and offset (api.md: lists say the total). */
export async function countTickets(ctx: Ctx, f: TicketFilter): Promise<number> {
  return ctx.store.longRead(async (db) => {
    const v = await filterValues(db, ctx, f)
    // One project by type, stage and state: the few rows of ticket_counts (kept by triggers)
    // answer it, where counting the tickets' index grows with them (46 ms at 100,000).
    if (
      v.project !== undefined &&
      v.assignee === undefined &&
      v.parent === undefined &&
      v.label === undefined
    ) {
      let q = db
        .selectFrom('ticket_counts')
        .select((eb) => eb.fn.sum<number>('n').as('n'))
        .where('project_id', '=', v.project)
      if (v.type !== undefined) q = q.where('type', '=', v.type)
      if (v.stage !== undefined) q = q.where('stage', '=', v.stage)
      if (v.state !== undefined) q = q.where('state', '=', v.state)
      if (!v.archived) q = q.where('archived', '=', 0)
      if (!v.archived && !v.closed) q = q.where('open', '=', 1)
      return Number((await q.executeTakeFirst())?.n ?? 0)
    }
    const row = await (await filteredTickets(db, ctx, f))
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst()
    return Number(row?.n ?? 0)
  })
}

/** The ids of the best `limit` matches (0 = every match), best first. */
function searchIds(ctx: Ctx, words: string, f: TicketFilter, limit: number) {
  if (words.trim() === '')
    throw invalid('search needs words to look for', 'e.g. tk search "password reset"')
  return async (db: Db): Promise<number[]> => {
    const projectId =
      f.project === undefined ? undefined : (await projectFor(db, ctx, f.project, 'read')).id
    // Scope and visibility are applied inside the index query; the other filters join it
    // there too, so the best matches are found among the tickets they keep, at any size.
    const narrowed = f.type ?? f.stage ?? f.state ?? f.status ?? f.assignee ?? f.label ?? f.parent
    const within =
      narrowed === undefined
        ? undefined
        : (await filteredTickets(db, ctx, f)).clearSelect().select('t.id')
    return ctx.store.searchTicketIds(words, {
      limit,
      ...(within ? { within } : {}),
      ...(projectId === undefined ? {} : { projectId }),
      ...(f.closed ? { closed: true } : {}),
      ...(f.archived ? { archived: true } : {}),
    })
  }
}

/**
 * The tickets of `ids` (found by `searchIds` under `f`), in the order of `ids`, read by key:
 * the search applied every filter already, all but which projects the caller may see when no
 * project was named. (Filtering here again made SQLite walk the project's index, O(tickets),
 * instead of looking up the ids.)
 */
async function ticketsInOrder(db: Db, ctx: Ctx, f: TicketFilter, ids: readonly number[]) {
  if (ids.length === 0) return []
  const visible = f.project === undefined ? await visibleProjectIds(db, ctx.actor) : 'all'
  const rows = (await selectTickets(db).where('t.id', 'in', idList(db, ids)).execute()).filter(
    (r) => visible === 'all' || visible.includes(r.project_id),
  )
  const rank = new Map(ids.map((id, i) => [id, i]))
  rows.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!)
  return toTickets(db, rows)
}

export async function searchTickets(ctx: Ctx, words: string, f: TicketFilter): Promise<Ticket[]> {
  const { limit } = pageOf(f)
  const ranked = searchIds(ctx, words, f, limit)
  return ctx.store.longRead(async (db) => ticketsInOrder(db, ctx, f, await ranked(db)))
}

/** Tickets per read of every match (`searchTicketPages`). */
const SEARCH_PAGE = 1000

/**
 * Every match, best first, as `searchTickets` with limit 0 finds them, a page at a time: the
 * matches are ranked once (their ids only, 8 bytes each), then read `SEARCH_PAGE` tickets a
 * read as the caller asks for them, so no more than a page of tickets is ever in memory. A
 * ticket deleted or moved out of the filter between pages is left out (decision 0037).
 */
export async function* searchTicketPages(
  ctx: Ctx,
  words: string,
  f: TicketFilter,
): AsyncGenerator<Ticket[]> {
  const ids = await ctx.store.longRead(searchIds(ctx, words, f, 0))
  for (let i = 0; i < ids.length; i += SEARCH_PAGE) {
    const page = ids.slice(i, i + SEARCH_PAGE)
    yield await ctx.store.read((db) => ticketsInOrder(db, ctx, f, page))
  }
}

export async function updateTicket(ctx: Ctx, ref: string, patch: TicketPatch): Promise<Ticket> {
  const next = normaliseFields(patch)
  const { stage, state } = parseLifecycleInput(patch)
  if (
    Object.keys(next).length === 0 &&
    stage === undefined &&
    state === undefined &&
    patch.assignee === undefined &&
    patch.parent === undefined
  )
    throw invalid(
      'nothing to update',
      'give at least one field, e.g. -title "New title" or -priority 1',
    )
  const id = await mutate(ctx, async (tx) => {
    const t = await ticketFor(tx.db, ctx, ref, 'write')
    assertEditable(t)
    const changes: Record<string, { old: unknown; new: unknown }> = {}
    for (const f of EDITABLE_FIELDS)
      if (next[f] !== undefined && next[f] !== t[f]) changes[f] = { old: t[f], new: next[f] }
    if (Object.keys(changes).length > 0) {
      await updateTicketRow(tx.db, t.id, { ...next, updated_at: stamp(ctx) })
      await record(tx.db, ctx, { ...at(t), event_type: 'ticket_updated', payload: { changes } })
      tx.touched.add(t.id)
    }
    if (patch.parent !== undefined)
      await setParentInTx(tx, await resolveTicket(tx.db, t.key), patch.parent)
    // An assignee comes before the lifecycle (`active` needs one); taking it away comes after
    // (an active ticket keeps its assignee until it is set idle).
    const assign = (who: string | null) =>
      resolveTicket(tx.db, t.key).then((row) => assignTicketInTx(tx, row, who))
    if (patch.assignee) await assign(patch.assignee)
    // With a state given too, a stage the ticket is already in is no move (a move resets the state).
    if (stage !== undefined && (state === undefined || stage !== t.stage))
      await setStageInTx(tx, await resolveTicket(tx.db, t.key), stage)
    if (state !== undefined) {
      const moved = await resolveTicket(tx.db, t.key)
      // A stage and the state it arrives at, given together, name where the ticket is now:
      // `done/success` is the final stage reached, not a second change to a finished ticket.
      if (stage === undefined || moved.state !== state) await setStateInTx(tx, moved, state)
    }
    if (patch.assignee === null || patch.assignee?.trim() === '') await assign(null)
    return t.id
  })
  return loadTicket(ctx, id)
}

export async function deleteTicket(ctx: Ctx, ref: string): Promise<void> {
  const deleted = await mutate(ctx, async (tx) => {
    const t = await ticketFor(tx.db, ctx, ref, 'write')
    const kids = await childRowsOf(tx.db, t.id)
    if (kids.length > 0)
      throw conflict(
        `ticket ${t.key} has children: ${kids.map((k) => k.key).join(', ')}`,
        'delete or detach the children first',
      )
    await tx.db.deleteFrom('tickets').where('id', '=', t.id).execute()
    await record(tx.db, ctx, {
      ...at(t),
      event_type: 'ticket_deleted',
      payload: { type: t.type, title: t.title },
    })
    if (t.parent_id !== null) {
      tx.touched.add(t.parent_id)
      await recomputeFrom(tx, t.parent_id)
    }
    return t
  })
  ctx.emit?.({
    type: 'ticket.deleted',
    project: deleted.project_prefix,
    key: deleted.key,
    actor: ctx.actor.username,
    at: stamp(ctx),
  })
}

/** Re-derives `id` itself (when it still has children) and every ancestor above it. */
async function recomputeFrom(tx: Parameters<typeof recomputeAncestors>[0], id: number) {
  const child = await tx.db
    .selectFrom('tickets')
    .select('id')
    .where('parent_id', '=', id)
    .limit(1)
    .executeTakeFirst()
  await recomputeAncestors(tx, child ? child.id : id)
}

const FLAG_EVENTS = {
  open: 'ticket_opened',
  close: 'ticket_closed',
  archive: 'ticket_archived',
  unarchive: 'ticket_unarchived',
  ready: 'ticket_marked_ready',
  notready: 'ticket_marked_not_ready',
} as const satisfies Record<FlagAction, HistoryEventType>

export async function setFlag(
  ctx: Ctx,
  ref: string,
  flag: TicketFlag,
  value: boolean,
  options: { message?: string | undefined } = {},
): Promise<Ticket> {
  const text = options.message?.trim() ? commentText(options.message) : undefined
  const { id, project, comment } = await mutate(ctx, async (tx) => {
    const t = await ticketFor(tx.db, ctx, ref, 'write')
    // The comment goes in while the ticket still takes one: before closing or archiving.
    const first = locksTicket(flag, value)
    const before = text !== undefined && first ? await addCommentInTx(tx, t, text) : undefined
    await setFlagInTx(tx, t, flag, value)
    const after =
      text !== undefined && !first
        ? await addCommentInTx(tx, await resolveTicket(tx.db, t.key), text)
        : undefined
    return { id: t.id, project: t.project_prefix, comment: before ?? after }
  })
  if (comment) emitComment(ctx, project, comment)
  return loadTicket(ctx, id)
}

async function setFlagInTx(tx: Tx, t: TicketRow, flag: TicketFlag, value: boolean) {
  if ((t[flag] === 1) === value) return
  // Archive and close lock the ticket; their own toggles stay possible so it can be undone.
  if (flag === 'ready') assertEditable(t)
  if (flag === 'open' && t.archived === 1)
    throw conflict(`ticket ${t.key} is archived`, `unarchive it first: tk unarchive ${t.key}`)
  await updateTicketRow(tx.db, t.id, { [flag]: value ? 1 : 0, updated_at: stamp(tx.ctx) })
  await record(tx.db, tx.ctx, {
    ...at(t),
    event_type: FLAG_EVENTS[flagAction(flag, value)],
    payload: {},
  })
  tx.touched.add(t.id)
  if (flag === 'ready' && value) await moveToWorkStageInTx(tx, t)
  if (flag === 'archived' && t.parent_id !== null) await recomputeFrom(tx, t.parent_id)
}
