/**
 * @module `insertNumberedTicket` on PostgreSQL: counter, ticket and history in one statement,
 * and plain creates of one project that arrive together written by one statement (group
 * commit, decision 0046).
 */
import { type Selectable, sql } from 'kysely'
import type { TicketsTable } from '../database.ts'
import type { NumberedTicket } from '../numbered-ticket.ts'
import type { Db, GroupedCreates } from '../store.ts'
import { NEW_TICKET } from '../tickets.ts'
import { inFlightGroups } from './in-flight-groups.ts'
import { WRITERS_SHARED } from './schema-version.ts'

type Row = Selectable<TicketsTable>

/**
 * One round trip instead of three, atomic by itself, and the project's row is held only while
 * PostgreSQL runs the statement and commits, never across a round trip to this process. The
 * values travel as one JSON parameter read into the table's own row type, so each column gets
 * its type (parameters in a SELECT list would all be text).
 */
export async function insertNumberedTicketAtOnce(
  db: Db,
  t: NumberedTicket,
): Promise<Row | undefined> {
  const values = { ...NEW_TICKET, ...t.row }
  const columns = Object.keys(values)
  const h = t.history
  const { rows } = await sql<Row>`
    WITH ${sql.raw(WRITERS_SHARED)}, seq AS (
      UPDATE projects SET next_seq = next_seq + 1
       WHERE id = ${t.row.project_id} AND status <> 'closed'
      RETURNING next_seq - 1 AS n
    ), t AS (
      INSERT INTO tickets (${sql.join(columns.map((c) => sql.ref(c)))}, seq, key)
      SELECT ${sql.join(columns.map((c) => sql.ref(`r.${c}`)))}, seq.n, ${t.keyPrefix}::text || seq.n
        FROM seq, jsonb_populate_record(NULL::tickets, ${JSON.stringify(values)}::jsonb) r
      RETURNING *
    ), h AS (
      INSERT INTO history (project_id, ticket_id, ticket_key, event_type, actor, payload, created_at)
      SELECT t.project_id, t.id, t.key, ${h.event_type}::text, ${h.actor}::text,
             ${h.payload}::text, ${h.created_at}::text
        FROM t
    )
    SELECT * FROM t`.execute(db)
  return rows[0]
}

/**
 * Creates of one project, numbered in the order given: the counter moves once by their count,
 * the i-th (from 1) takes the counter's old value + i - 1. All or none are written; none when
 * the project is closed or gone (no rows back). Rows come back in the creates' order.
 */
export async function insertNumberedTickets(
  db: Db,
  projectId: number,
  all: readonly NumberedTicket[],
): Promise<Row[]> {
  const items = all.map((t) => ({
    row: { ...NEW_TICKET, ...t.row },
    prefix: t.keyPrefix,
    h: t.history,
  }))
  // Creates give the same columns in the same order, so the text (one prepared statement per
  // connection, decision 0043) is the same from one group to the next. A column one create
  // leaves out reads as NULL for it: its default where the column may be NULL, else a refused
  // statement, and then each create is written on its own (groupCreates).
  const columns = [...new Set(items.flatMap((i) => Object.keys(i.row)))]
  const { rows } = await sql<Row>`
    WITH ${sql.raw(WRITERS_SHARED)}, input AS (
      SELECT i.ord, i.v, r.*
        FROM jsonb_array_elements(${JSON.stringify(items)}::jsonb) WITH ORDINALITY AS i(v, ord),
             jsonb_populate_record(NULL::tickets, i.v -> 'row') r
    ), seq AS (
      UPDATE projects SET next_seq = next_seq + (SELECT count(*) FROM input)
       WHERE id = ${projectId} AND status <> 'closed'
      RETURNING next_seq - (SELECT count(*) FROM input) AS first
    ), numbered AS (
      SELECT input.*, (seq.first + input.ord - 1)::integer AS n FROM seq, input
    ), t AS (
      INSERT INTO tickets (${sql.join(columns.map((c) => sql.ref(c)))}, seq, key)
      SELECT ${sql.join(columns.map((c) => sql.ref(`numbered.${c}`)))}, numbered.n,
             (numbered.v ->> 'prefix') || numbered.n
        FROM numbered ORDER BY numbered.ord
      RETURNING *
    ), h AS (
      INSERT INTO history (project_id, ticket_id, ticket_key, event_type, actor, payload, created_at)
      SELECT t.project_id, t.id, t.key, numbered.v -> 'h' ->> 'event_type',
             numbered.v -> 'h' ->> 'actor', numbered.v -> 'h' ->> 'payload',
             numbered.v -> 'h' ->> 'created_at'
        FROM t JOIN numbered ON numbered.n = t.seq
    )
    SELECT * FROM t ORDER BY seq`.execute(db)
  return rows
}

type Waiting = {
  readonly t: NumberedTicket
  readonly resolve: (row: Row | undefined) => void
  readonly reject: (e: unknown) => void
}

// Creates one statement writes at most: the JSON parameter and the statement's run stay small.
const MAX_GROUP = 100

// Text one statement carries at most (titles, descriptions, criteria): a body may hold up to a
// megabyte, and a hundred of them should not make one parameter of a hundred.
const MAX_GROUP_CHARS = 1_000_000

/** How many of the first creates waiting go in the next statement: at least one. */
function groupSize(queue: readonly Waiting[]): number {
  let chars = 0
  for (const [i, w] of queue.entries()) {
    const r = w.t.row
    chars += r.title.length + (r.description?.length ?? 0) + (r.acceptance_criteria?.length ?? 0)
    if (i === MAX_GROUP || (i > 0 && chars > MAX_GROUP_CHARS)) return i
  }
  return queue.length
}

/** A SQLSTATE, i.e. PostgreSQL refused the statement (and so wrote none of it). */
const refusedByServer = (e: unknown) =>
  typeof (e as { code?: unknown }).code === 'string' &&
  /^[0-9A-Z]{5}$/.test((e as { code: string }).code)

/**
 * Group commit for plain creates outside a transaction (`inFlightGroups`, keyed by project):
 * per project, at most one statement of this process writes creates at a time; creates that
 * arrive while it runs wait, and the next statement writes all of them (up to `MAX_GROUP`).
 * Each create is answered from its own row, after the statement that wrote it has committed.
 * When PostgreSQL refuses a statement of several creates, nothing of it was written, and each
 * create is written again on its own, so a bad one fails alone with its own error. Inside a
 * transaction a create is written on its own, in it.
 */
export function groupCreates(): {
  insert: (db: Db, t: NumberedTicket) => Promise<Row | undefined>
  counts: () => GroupedCreates
} {
  let statements = 0
  let creates = 0
  let waiting = 0

  const writeAlone = async (db: Db, w: Waiting) => {
    try {
      const row = await insertNumberedTicketAtOnce(db, w.t)
      if (row) {
        statements++
        creates++
      }
      w.resolve(row)
    } catch (e) {
      w.reject(e)
    }
  }

  const write = async (db: Db, group: Waiting[]) => {
    if (group.length === 1) return writeAlone(db, group[0]!)
    let rows: Row[]
    try {
      rows = await insertNumberedTickets(
        db,
        group[0]!.t.row.project_id,
        group.map((w) => w.t),
      )
    } catch (e) {
      if (!refusedByServer(e)) {
        // The connection failed: whether it committed is unknown, so none is written again.
        for (const w of group) w.reject(e)
        return
      }
      for (const w of group) await writeAlone(db, w)
      return
    }
    if (rows.length > 0) {
      statements++
      creates += rows.length
    }
    // None back: the project is closed or gone, and every create is told why by its caller.
    for (const [i, w] of group.entries()) w.resolve(rows[i])
  }

  // Every create of a group is written through the connection pool its first create gave.
  const add = inFlightGroups<number, Waiting & { readonly db: Db }>(async (group) => {
    waiting -= group.length
    await write(group[0]!.db, group)
  }, groupSize)

  return {
    insert(db, t) {
      if (db.isTransaction) return insertNumberedTicketAtOnce(db, t)
      waiting++
      return new Promise((resolve, reject) => add(t.row.project_id, { t, db, resolve, reject }))
    },
    counts: () => ({ waiting, statements, creates }),
  }
}
