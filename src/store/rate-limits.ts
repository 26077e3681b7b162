/** @module The `rate_limits` table: hits per key in fixed windows, shared by every server. */
import { sql } from 'kysely'
import type { Db } from './store.ts'

export type WindowHits = {
  /** Hits in the current window, this one included. */
  readonly hits: number
  /** When the current window opened, in ms since the epoch. */
  readonly windowStart: number
}

/**
 * Counts one hit on `key` at `now` in a window of `windowMs`, opening a new window when the
 * last one has passed; one statement, so racing servers each see their own count. A hit that
 * opens a window also clears every other key's expired window, which keeps the table small.
 */
export async function countHit(
  db: Db,
  key: string,
  now: number,
  windowMs: number,
): Promise<WindowHits> {
  const expired = sql<boolean>`rate_limits.window_start <= CAST(${now - windowMs} AS BIGINT)`
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: now, hits: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql`CASE WHEN ${expired} THEN 1 ELSE rate_limits.hits + 1 END`,
        window_start: sql`CASE WHEN ${expired} THEN CAST(${now} AS BIGINT) ELSE rate_limits.window_start END`,
      }),
    )
    .returning(['hits', 'window_start'])
    .executeTakeFirstOrThrow()
  if (row.hits === 1)
    await db
      .deleteFrom('rate_limits')
      .where('window_start', '<=', now - windowMs)
      .where('key', '!=', key)
      .execute()
  return { hits: Number(row.hits), windowStart: Number(row.window_start) }
}

/** The hits on `key` in its window open at `now`; 0 hits when none is open. */
export async function currentHits(
  db: Db,
  key: string,
  now: number,
  windowMs: number,
): Promise<WindowHits> {
  const row = await db
    .selectFrom('rate_limits')
    .select(['hits', 'window_start'])
    .where('key', '=', key)
    .where('window_start', '>', now - windowMs)
    .executeTakeFirst()
  return row
    ? { hits: Number(row.hits), windowStart: Number(row.window_start) }
    : { hits: 0, windowStart: now }
}
