import { sql } from 'kysely'
import { compareClaimOrder } from '../domain/claim.ts'
import { dialectSql } from './dialect-sql.ts'
import type { Db } from './store.ts'
import { selectTickets, type TicketRow } from './tickets.ts'

/** One run of the work queue: the waiting tickets of one project at one stage. */
export type QueueLane = { readonly projectId: number; readonly stage: string }

// Literal rather than bound: SQLite serves a query from the partial index tickets_queue only
// when the query repeats the index's terms word for word (migration 0006).
const WAITING = sql<boolean>`t.state = 'idle' AND t.ready = 1 AND t.open = 1 AND t.archived = 0 AND t.assignee IS NULL`

// Most first candidates are claimable, so a small page is usually the only one read.
const PAGE = 16

function lanePage(db: Db, lane: QueueLane, after: TicketRow | undefined) {
  let q = selectTickets(db)
    .where('t.project_id', '=', lane.projectId)
    .where('t.stage', '=', lane.stage)
    .where(WAITING)
  if (after)
    q = q.where(
      sql<boolean>`(t.priority, t.created_at, t.id) > (${after.priority}, ${after.created_at}, ${after.id})`,
    )
  return q.orderBy('t.priority').orderBy('t.created_at').orderBy('t.id').limit(PAGE).execute()
}

/** A waiting ticket is held back while it has children or an unfinished dependency. */
async function heldBack(db: Db, id: number): Promise<boolean> {
  // CASE makes the answer 0/1 in every dialect (PostgreSQL's EXISTS is a boolean).
  const { rows } = await sql<{ held: number }>`SELECT CASE WHEN
      EXISTS (SELECT 1 FROM tickets k WHERE k.parent_id = ${id})
      OR EXISTS (SELECT 1 FROM dependencies d JOIN tickets dep ON dep.id = d.depends_on_id
                 WHERE d.ticket_id = ${id} AND dep.state <> 'success') THEN 1 ELSE 0 END AS held`.execute(
    db,
  )
  return rows[0]!.held === 1
}

/**
 * Locks a candidate for the caller's transaction unless another transaction holds it, and
 * confirms it still waits (a claim committed meanwhile took it).
 */
async function lockWaiting(db: Db, id: number): Promise<boolean> {
  const { rows } = await sql<{ id: number }>`SELECT t.id FROM tickets t
    WHERE t.id = ${id} AND ${WAITING} ${dialectSql(db).skipLocked}`.execute(db)
  return rows.length > 0
}

/**
 * The first `limit` tickets of the work queue in claim order (domain/claim.ts): each lane is
 * read in order from tickets_queue and the lanes merged, and each candidate is checked on its
 * own (children, dependencies, and `accept`, the caller's workflow rule) until enough pass.
 * The cost follows the lanes and the candidates passed over, never the number of tickets.
 */
export async function claimQueue(
  db: Db,
  lanes: readonly QueueLane[],
  limit: number,
  accept: (row: TicketRow) => Promise<boolean>,
  /** For a claim: lock what is returned, passing over tickets another claim holds. */
  lock = false,
): Promise<TicketRow[]> {
  const runs = await Promise.all(
    lanes.map(async (lane) => ({ lane, rows: await lanePage(db, lane, undefined), at: 0 })),
  )
  const out: TicketRow[] = []
  while (out.length < limit) {
    let best: (typeof runs)[number] | undefined
    for (const run of runs) {
      const head = run.rows[run.at]
      if (head && (!best || compareClaimOrder(head, best.rows[best.at]!) < 0)) best = run
    }
    if (!best) break
    const row = best.rows[best.at++]!
    if (best.at === best.rows.length && best.rows.length === PAGE) {
      best.rows = await lanePage(db, best.lane, row)
      best.at = 0
    }
    if (
      (await accept(row)) &&
      !(await heldBack(db, row.id)) &&
      (!lock || (await lockWaiting(db, row.id)))
    )
      out.push(row)
  }
  return out
}
