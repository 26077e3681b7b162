/** @module Several reads as one statement: each read's rows aggregated to JSON by PostgreSQL. */
import type { Expression } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { DialectSql } from '../dialect-sql.ts'

/**
 * `SELECT (reads[a] as a JSON array) AS a, (reads[b] …) AS b, …`: one round trip and one
 * snapshot for reads that would each be a statement of their own. Each read keeps its own
 * ORDER BY and LIMIT (json_agg takes its subquery's rows in order). Values come back as JSON
 * gives them: text, numbers, booleans and null, as every column of this schema is one of
 * these (timestamps are text).
 */
export const readsInOne: NonNullable<DialectSql['readsInOne']> = (db, reads, from) => {
  const columns = Object.entries(reads).map(([name, read]) =>
    jsonArrayFrom(read as Expression<Record<string, unknown>>).as(name),
  )
  return (from ? from.select(columns as never) : db.selectNoFrom(columns)) as never
}
