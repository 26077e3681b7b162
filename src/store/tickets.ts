import {
  type AliasableExpression,
  type Compilable,
  type Expression,
  type Insertable,
  isExpression,
  type Selectable,
  type Updateable,
} from 'kysely'
import type { State } from '../domain/lifecycle.ts'
import type { ProjectStatus } from '../domain/project.ts'
import type { Ticket } from '../domain/ticket.ts'
import type { TicketsTable } from './database.ts'
import { dialectSql } from './dialect-sql.ts'
import { first, prepared } from './prepared.ts'
import type { Db } from './store.ts'

/** A ticket as stored, with the keys of its project, parent and source joined in. */
export type TicketRow = Selectable<TicketsTable> & {
  project_prefix: string
  parent_key: string | null
  clone_of_key: string | null
  assignee_display: string | null
}

/** The wire shape (api.md): keys instead of row ids, flags as booleans, labels and blockers. */
export function toTicket(r: TicketRow, extra: { labels: string[]; blocked: string[] }): Ticket {
  return {
    id: r.key,
    key: r.key,
    project_id: r.project_id,
    project_prefix: r.project_prefix,
    type: r.type,
    title: r.title,
    description: r.description,
    acceptance_criteria: r.acceptance_criteria,
    git_repository: r.git_repository,
    git_branch: r.git_branch,
    parent_id: r.parent_key,
    clone_of: r.clone_of_key,
    workflow_id: r.workflow_id,
    stage: r.stage,
    state: r.state,
    status: `${r.stage}/${r.state}`,
    priority: r.priority,
    sort_order: r.sort_order,
    estimate_effort: r.estimate_effort,
    estimate_complete: r.estimate_complete,
    health_score: r.health_score,
    assignee: r.assignee,
    assignee_name: r.assignee === null ? null : r.assignee_display || r.assignee,
    open: r.open === 1,
    archived: r.archived === 1,
    ready: r.ready === 1,
    review_status: r.review_status,
    attempts: r.attempts,
    labels: extra.labels,
    blocked: extra.blocked,
    created_by: r.created_by,
    created_at: r.created_at,
    updated_at: r.updated_at,
  }
}

export const selectTickets = (db: Db) =>
  db
    .selectFrom('tickets as t')
    .innerJoin('projects as p', 'p.id', 't.project_id')
    .leftJoin('tickets as par', 'par.id', 't.parent_id')
    .leftJoin('tickets as src', 'src.id', 't.clone_of_id')
    // users.username is unique: one row at most, by its index.
    .leftJoin('users as au', 'au.username', 't.assignee')
    .selectAll('t')
    .select([
      'p.prefix as project_prefix',
      'par.key as parent_key',
      'src.key as clone_of_key',
      'au.display_name as assignee_display',
    ])

/** A page of tickets as `selectTickets` reads it, filtered and ordered. */
type TicketPageQuery = ReturnType<typeof selectTickets>

/**
 * How many unarchived children (open ones only when `openOnly`) each ticket of a page has, by
 * key: the page's first `limit` ids go in as a subquery, so nothing is bound per ticket, and the
 * count is served by `tickets_parent`. `shown` is the page as read (ids and keys).
 */
export async function childCountsOf(
  db: Db,
  page: TicketPageQuery,
  limit: number,
  shown: readonly { readonly id: number; readonly key: string }[],
  openOnly: boolean,
): Promise<Record<string, number>> {
  let counted = db
    .selectFrom('tickets')
    .select('parent_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_id', 'in', page.clearSelect().select('t.id').limit(limit))
    .where('archived', '=', 0)
  if (openOnly) counted = counted.where('open', '=', 1)
  const keyOf = new Map(shown.map((r) => [r.id, r.key]))
  const children: Record<string, number> = {}
  for (const r of await counted.groupBy('parent_id').execute()) {
    const key = r.parent_id === null ? undefined : keyOf.get(r.parent_id)
    if (key !== undefined) children[key] = Number(r.n)
  }
  return children
}

const ticketById = prepared(
  (db, id: number) => selectTickets(db).where('t.id', '=', id),
  'ticketById',
)
const ticketByKey = prepared(
  (db, key: string) => selectTickets(db).where('t.key', '=', key),
  'ticketByKey',
)
const ticketBySeq = prepared(
  (db, prefix: string, seq: number) =>
    selectTickets(db).where('p.prefix', '=', prefix).where('t.seq', '=', seq),
  'ticketBySeq',
)

export const findTicketRowById = (db: Db, id: number): Promise<TicketRow | undefined> =>
  first(ticketById(db, id))

export const findTicketRowByKey = (db: Db, key: string): Promise<TicketRow | undefined> =>
  first(ticketByKey(db, key))

export const findTicketRowBySeq = (db: Db, prefix: string, seq: number) =>
  first(ticketBySeq(db, prefix, seq))

/** domain.md "Dependencies": a dependency blocks until it reaches success. */
const unfinishedDependencyRows = (db: Db) =>
  db
    .selectFrom('dependencies as d')
    .innerJoin('tickets as dep', 'dep.id', 'd.depends_on_id')
    .where('dep.state', '<>', 'success')
const blockersQuery = (db: Db) =>
  unfinishedDependencyRows(db).select(['d.ticket_id', 'dep.key']).orderBy('dep.id')

/**
 * The unfinished dependencies of the ticket whose id is `ticketId`, for `eb.exists(…)`:
 * `where((eb) => eb.exists(blockersOf(db, eb.ref('t.id'))))` keeps blocked tickets.
 */
export const blockersOf = (db: Db, ticketId: Expression<number>) =>
  unfinishedDependencyRows(db).select('d.ticket_id').where('d.ticket_id', '=', ticketId)

/** Which tickets' extras to read: one (by id), or those a subquery of ids selects. */
type Tickets = { readonly id: number | Expression<number> } | { readonly in: Expression<number> }

/**
 * Labels and unfinished dependencies of `tickets` as one statement of `(kind, ticket_id,
 * value, ord)` rows, sorted as the wire shape lists them: each statement costs the driver and
 * the query executor more than SQLite takes to answer it, so a ticket's extras are one, not
 * one per kind (docs/decisions/0018-server-throughput-against-same-run-baselines.md).
 */
export const extrasQuery = (db: Db, tickets: Tickets) =>
  db
    .selectFrom('ticket_labels as tl')
    .innerJoin('labels as l', 'l.id', 'tl.label_id')
    .select((eb) => [
      eb.val<ExtraKind>('label').as('kind'),
      'tl.ticket_id',
      'l.name as value',
      eb.lit(0).as('ord'),
    ])
    .where((eb) =>
      'id' in tickets ? eb('tl.ticket_id', '=', tickets.id) : eb('tl.ticket_id', 'in', tickets.in),
    )
    .$castTo<ExtraRow>()
    .unionAll((eb) =>
      unfinishedDependencyRows(db)
        .select([
          eb.val<ExtraKind>('blocked').as('kind'),
          'd.ticket_id',
          'dep.key as value',
          'dep.id as ord',
        ])
        .where((eb) =>
          'id' in tickets
            ? eb('d.ticket_id', '=', tickets.id)
            : eb('d.ticket_id', 'in', tickets.in),
        )
        .$castTo<ExtraRow>(),
    )

type ExtraKind = 'label' | 'blocked' | 'depends_on' | 'time' | 'stage'
export type ExtraRow = { kind: ExtraKind; ticket_id: number; value: string | null; ord: number }

// One ticket's extras (a write's answer) run often enough to be prepared.
const extrasOfOne = prepared(
  (db, id: number) => inOrder(db, extrasQuery(db, { id })),
  'extrasOfOne',
)
const blockersOfOne = prepared(
  (db, id: number) => blockersQuery(db).where('d.ticket_id', '=', id),
  'blockersOfOne',
)

/** Extras rows sorted for `extrasOf`: kinds apart, then per ticket, then as the wire lists them. */
const inOrder = (db: Db, extras: ReturnType<typeof extrasQuery>) =>
  db
    .selectFrom(extras.as('x'))
    .selectAll()
    .orderBy('kind')
    .orderBy('ticket_id')
    .orderBy('ord')
    .orderBy('value') as unknown as Compilable<ExtraRow>

/**
 * Everything a ticket's detail adds to its row, as one statement: labels and blockers of the
 * ticket and its children, what it depends on, its logged minutes (in `ord`), and the stage
 * names of its own workflow, else its project's (none: the default workflow).
 */
/** A value to bind, or an expression that yields it (a subquery in a statement of several reads). */
type Arg<T> = T | AliasableExpression<T>

export const detailExtrasQuery = (
  db: Db,
  withChildren: boolean,
  id: Arg<number>,
  workflowId: Arg<number | null>,
  projectId: Arg<number>,
) =>
  inOrder(
    db,
    extrasQuery(
      db,
      withChildren
        ? {
            in: db
              .selectFrom('tickets')
              .select('id')
              .where((eb) => eb.or([eb('id', '=', id), eb('parent_id', '=', id)]))
              .$castTo<number>(),
          }
        : { id },
    )
      .unionAll((eb) =>
        db
          .selectFrom('dependencies as d')
          .innerJoin('tickets as t', 't.id', 'd.depends_on_id')
          .select([
            eb.val<ExtraKind>('depends_on').as('kind'),
            'd.ticket_id',
            't.key as value',
            't.id as ord',
          ])
          .where('d.ticket_id', '=', id)
          .$castTo<ExtraRow>(),
      )
      .unionAll((eb) =>
        db
          .selectFrom('time_entries')
          .select((e) => [
            eb.val<ExtraKind>('time').as('kind'),
            (isExpression(id) ? id : eb.val(id)).as('ticket_id'),
            e.val<string | null>(null).as('value'),
            e.fn.coalesce(e.fn.sum<number>('minutes'), e.lit(0)).as('ord'),
          ])
          .where('ticket_id', '=', id)
          .$castTo<ExtraRow>(),
      )
      .unionAll((eb) =>
        db
          .selectFrom('workflow_stages')
          .select([
            eb.val<ExtraKind>('stage').as('kind'),
            (isExpression(id) ? id : eb.val(id)).as('ticket_id'),
            'name as value',
            'position as ord',
          ])
          .where((e) =>
            e(
              'workflow_id',
              '=',
              e.fn.coalesce(
                isExpression(workflowId) ? workflowId : e.val(workflowId),
                e.selectFrom('projects').select('workflow_id').where('id', '=', projectId),
              ),
            ),
          )
          .$castTo<ExtraRow>(),
      ),
  )

const extrasOfFamily = prepared(
  (db, id: number, workflowId: number | null, projectId: number) =>
    detailExtrasQuery(db, true, id, workflowId, projectId),
  'extrasOfFamily',
)
// A ticket without children (most): its own id compared directly, where the family's
// `IN (id or parent)` subquery builds a list per run and cost about twice the statement
// (decision 0044).
const extrasOfLeaf = prepared(
  (db, id: number, workflowId: number | null, projectId: number) =>
    detailExtrasQuery(db, false, id, workflowId, projectId),
  'extrasOfLeaf',
)
export const detailExtras = (
  db: Db,
  row: { readonly id: number; readonly workflow_id: number | null; readonly project_id: number },
  hasChildren: boolean,
) => (hasChildren ? extrasOfFamily : extrasOfLeaf)(db, row.id, row.workflow_id, row.project_id)

/** Groups extras rows by ticket: labels and blockers for the wire shape, the rest by kind. */
export function extrasOf(rows: readonly ExtraRow[]) {
  const lists = new Map<string, string[]>()
  for (const r of rows) {
    const k = `${r.kind}:${r.ticket_id}`
    const list = lists.get(k)
    if (list) list.push(r.value ?? '')
    else lists.set(k, [r.value ?? ''])
  }
  const list = (kind: ExtraKind, id: number) => lists.get(`${kind}:${id}`) ?? []
  return {
    of: (id: number) => ({ labels: list('label', id), blocked: list('blocked', id) }),
    list,
    /** The `ord` of the first row of `kind` (a total carried in it). */
    total: (kind: ExtraKind) => rows.find((r) => r.kind === kind)?.ord ?? 0,
  }
}

// Every list page asks this: built and compiled once, the ids bound as one value.
const extrasOfMany = prepared(
  (db, ids: unknown) => inOrder(db, extrasQuery(db, { in: dialectSql(db).idsIn(ids) })),
  'extrasOfMany',
)

/** Labels and unfinished dependencies of many tickets in one query. */
export async function ticketExtras(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return extrasOf([])
  if (ids.length === 1) return extrasOf(await extrasOfOne(db, ids[0]!))
  return extrasOf(await extrasOfMany(db, dialectSql(db).idParam(ids)))
}

export async function toTickets(db: Db, rows: readonly TicketRow[]): Promise<Ticket[]> {
  const extras = await ticketExtras(
    db,
    rows.map((r) => r.id),
  )
  return rows.map((r) => toTicket(r, extras.of(r.id)))
}

/**
 * Takes the project's next sequence number (never reused, even after deletes), and the
 * project's status as of that moment: the update locks the project's row until commit, so
 * under row locks (decision 0022) it is also the check that the project is still there and
 * open. Undefined when the project is gone.
 */
export async function takeSequence(
  db: Db,
  projectId: number,
): Promise<{ readonly seq: number; readonly status: ProjectStatus } | undefined> {
  const r = await first(nextSequence(db, projectId))
  return r && { seq: r.next_seq - 1, status: r.status }
}

const nextSequence = prepared(
  (db, projectId: number) =>
    db
      .updateTable('projects')
      .set((eb) => ({ next_seq: eb('next_seq', '+', 1) }))
      .where('id', '=', projectId)
      .returning(['next_seq', 'status']),
  'nextSequence',
)

/** What every new ticket starts with unless its creator says otherwise. */
export const NEW_TICKET = {
  git_repository: '',
  git_branch: '',
  clone_of_id: null,
  workflow_id: null,
  sort_order: 0,
  estimate_effort: 0,
  estimate_complete: null,
  health_score: null,
  assignee: null,
  open: 1,
  archived: 0,
  ready: 0,
  review_status: null,
  attempts: 0,
} satisfies Partial<Insertable<TicketsTable>>

export type NewTicketRow = Omit<Insertable<TicketsTable>, keyof typeof NEW_TICKET> &
  Partial<Pick<Insertable<TicketsTable>, keyof typeof NEW_TICKET>>

/**
 * The insert for each set of columns a new ticket gives (one, in practice), built and compiled
 * once: a 28-column insert cost more to build than SQLite takes to run it (decision 0040).
 */
const ticketInserts = new Map<
  string,
  (db: Db, ...values: unknown[]) => Promise<Selectable<TicketsTable>[]>
>()

/** Inserts the ticket; the row as written. */
export async function insertTicket(db: Db, row: NewTicketRow): Promise<Selectable<TicketsTable>> {
  const full: Record<string, unknown> = { ...NEW_TICKET, ...row }
  const columns = Object.keys(full)
  const shape = columns.join(',')
  let insert = ticketInserts.get(shape)
  if (!insert) {
    // Named by its columns: the build compiles the one `tk add` makes (scripts/prepared-sql.ts).
    insert = prepared(
      (db, ...values: unknown[]) =>
        db
          .insertInto('tickets')
          .values(
            Object.fromEntries(columns.map((c, i) => [c, values[i]])) as Insertable<TicketsTable>,
          )
          .returningAll(),
      `ticketInsert(${shape})`,
      columns.length,
    )
    ticketInserts.set(shape, insert)
  }
  const [r] = await insert(db, ...columns.map((c) => full[c]))
  if (!r) throw new Error('the ticket insert returned no row')
  return r
}

export async function updateTicketRow(db: Db, id: number, patch: Updateable<TicketsTable>) {
  await db.updateTable('tickets').set(patch).where('id', '=', id).execute()
}

export const childRowsOf = prepared(
  (db, id: number) => selectTickets(db).where('t.parent_id', '=', id).orderBy('t.id'),
  'childRowsOf',
)

const aChild = prepared(
  (db, id: number) => db.selectFrom('tickets').select('id').where('parent_id', '=', id).limit(1),
  'aChild',
)

export async function hasChildren(db: Db, id: number): Promise<boolean> {
  return (await aChild(db, id)).length > 0
}

/** Stage and state of every leaf below `id` (archived ones excluded: they no longer count). */
export async function leafLifecycles(db: Db, id: number) {
  return db
    .withRecursive('sub(id)', (qb) =>
      qb
        .selectFrom('tickets')
        .select('id')
        .where('parent_id', '=', id)
        .unionAll((q) =>
          q.selectFrom('tickets as c').innerJoin('sub', 'sub.id', 'c.parent_id').select('c.id'),
        ),
    )
    .selectFrom('tickets as t')
    .innerJoin('sub', 'sub.id', 't.id')
    .select(['t.stage', 't.state'])
    .where('t.archived', '=', 0)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('tickets as k').select('k.id').whereRef('k.parent_id', '=', 't.id'),
        ),
      ),
    )
    .execute() as Promise<{ stage: string; state: State }[]>
}

const parentOf = prepared(
  (db, id: number) => db.selectFrom('tickets').select('parent_id').where('id', '=', id),
  'parentOf',
)

/** Ids of `id`'s ancestors, nearest first. */
export async function ancestorIds(db: Db, id: number): Promise<number[]> {
  const ids: number[] = []
  let current = await first(parentOf(db, id))
  // Hierarchies are shallow and cycles are refused on write; the bound guards corrupt data.
  while (current?.parent_id != null && ids.length < 1000) {
    ids.push(current.parent_id)
    current = await first(parentOf(db, current.parent_id))
  }
  return ids
}

/** Keys of the unfinished tickets `id` depends on (state success is reached only when done). */
export async function unfinishedDependencies(db: Db, id: number): Promise<string[]> {
  return (await blockersOfOne(db, id)).map((r) => r.key)
}
