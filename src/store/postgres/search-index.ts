/** @module Full-text search on PostgreSQL: a GIN index over the tickets' weighted text. */
import { type Kysely, sql } from 'kysely'
import { bestMatches, parseIdList, SEARCH_CANDIDATES, scopeFilter } from '../search.ts'
import type { Db, SearchScope } from '../store.ts'

/**
 * The document a ticket is found by: title above description above acceptance criteria, as
 * FTS5's bm25 weights them on SQLite. Written once so the index and every query agree on it
 * word for word (PostgreSQL uses an expression index only for the same expression).
 */
const documentOf = (table: string) =>
  sql.raw(`(setweight(to_tsvector('tk_english', ${table}title), 'A')
  || setweight(to_tsvector('tk_english', ${table}description), 'B')
  || setweight(to_tsvector('tk_english', ${table}acceptance_criteria), 'C'))`)
const DOCUMENT = documentOf('t.')

// biome-ignore lint/suspicious/noExplicitAny: runs inside migrations, before the typed schema
export async function createPostgresSearchIndex(db: Kysely<any>): Promise<void> {
  // English stemming without a stop-word list, like FTS5's porter tokenizer: "the" and "not"
  // stay searchable.
  await sql`CREATE TEXT SEARCH DICTIONARY tk_english_stem (TEMPLATE = snowball, LANGUAGE = english)`.execute(
    db,
  )
  await sql`CREATE TEXT SEARCH CONFIGURATION tk_english (COPY = english)`.execute(db)
  await sql`ALTER TEXT SEARCH CONFIGURATION tk_english
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
    WITH tk_english_stem`.execute(db)
  // An expression index: the database keeps it in step with every write, and the rows
  // themselves carry no extra column.
  await sql`CREATE INDEX tickets_search ON tickets USING gin (${documentOf('')})`.execute(db)
}

/**
 * Turns free words into a tsquery: every word must match, as a whole word or (`prefix`) also
 * as the start of a longer one, and no character the user types can be read as tsquery syntax.
 */
export function toTsQuery(words: string, prefix = true): string | undefined {
  const tokens = words.match(/[\p{L}\p{N}]+/gu)
  if (!tokens || tokens.length === 0) return undefined
  return tokens.map((t) => `${t}${prefix ? ':*' : ''}`).join(' & ')
}

export async function searchTicketIds(
  db: Db,
  words: string,
  scope: SearchScope,
): Promise<number[]> {
  if (toTsQuery(words) === undefined) return []
  const filters = scopeFilter(scope)
  if (scope.limit === 0) {
    const query = sql`to_tsquery('tk_english', ${toTsQuery(words)})`
    // Every match as one comma-separated string: a row per match would cost an object each.
    const { rows } = await sql<{
      ids: string | null
    }>`SELECT string_agg(id::text, ',' ORDER BY r DESC, id) AS ids
      FROM (SELECT t.id, ts_rank(${DOCUMENT}, ${query}) AS r FROM tickets t
        WHERE ${DOCUMENT} @@ ${query} ${filters}) m`.execute(db)
    return parseIdList(rows[0]?.ids ?? null)
  }
  // As on SQLite: rank the newest matches only, whole words first (decision 0033).
  return bestMatches(scope, async (whole, take) => {
    const query = sql`to_tsquery('tk_english', ${toTsQuery(words, !whole)})`
    const { rows } = await sql<{ id: number }>`SELECT id FROM (
        SELECT t.id, ts_rank(${DOCUMENT}, ${query}) AS r FROM tickets t
        WHERE ${DOCUMENT} @@ ${query} ${filters}
        ORDER BY t.id DESC LIMIT ${SEARCH_CANDIDATES}) c
      ORDER BY r DESC, id LIMIT ${take}`.execute(db)
    return rows.map((r) => r.id)
  })
}
