import { type RawBuilder, sql } from 'kysely'

/**
 * A list of row ids as one bound value (`x IN idList(ids)`): an `IN (?, ?, …)` list binds one
 * variable per id, and SQLite refuses a statement past 32,766 of them, so lists that grow with
 * the data (a whole project's tickets, every search match) would fail at scale.
 */
export const idList = (ids: Iterable<number>): RawBuilder<number> =>
  sql<number>`(SELECT value FROM json_each(${JSON.stringify([...ids])}))`
