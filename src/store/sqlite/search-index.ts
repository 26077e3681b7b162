import type { DatabaseSync } from 'node:sqlite'
import { type Kysely, sql } from 'kysely'
import { bestMatches, parseIdList, SEARCH_CANDIDATES, scopeFilter } from '../search.ts'
import type { Db, SearchScope } from '../store.ts'

// biome-ignore lint/suspicious/noExplicitAny: runs inside migrations, before the typed schema
export async function createSqliteSearchIndex(db: Kysely<any>): Promise<void> {
  // An external-content FTS5 table kept in step by triggers, so no write path can forget it.
  await sql`CREATE VIRTUAL TABLE tickets_fts USING fts5(
    title, description, acceptance_criteria,
    content='tickets', content_rowid='id', tokenize='porter unicode61')`.execute(db)
  await sql`CREATE TRIGGER tickets_fts_insert AFTER INSERT ON tickets BEGIN
    INSERT INTO tickets_fts(rowid, title, description, acceptance_criteria)
    VALUES (new.id, new.title, new.description, new.acceptance_criteria);
  END`.execute(db)
  await sql`CREATE TRIGGER tickets_fts_delete AFTER DELETE ON tickets BEGIN
    INSERT INTO tickets_fts(tickets_fts, rowid, title, description, acceptance_criteria)
    VALUES ('delete', old.id, old.title, old.description, old.acceptance_criteria);
  END`.execute(db)
  await sql`CREATE TRIGGER tickets_fts_update AFTER UPDATE OF title, description, acceptance_criteria ON tickets BEGIN
    INSERT INTO tickets_fts(tickets_fts, rowid, title, description, acceptance_criteria)
    VALUES ('delete', old.id, old.title, old.description, old.acceptance_criteria);
    INSERT INTO tickets_fts(rowid, title, description, acceptance_criteria)
    VALUES (new.id, new.title, new.description, new.acceptance_criteria);
  END`.execute(db)
}

/**
 * Turns free words into an FTS5 query: every word must match, as a whole word or (`prefix`)
 * also as the start of a longer one, and no character the user types can be read as FTS5
 * syntax.
 */
export function toFtsQuery(words: string, prefix = true): string | undefined {
  const tokens = words.match(/[\p{L}\p{N}_]+/gu)
  if (!tokens || tokens.length === 0) return undefined
  return tokens.map((t) => `"${t}"${prefix ? '*' : ''}`).join(' ')
}

/** The tickets matching `words` within `scope`, best first (decision 0033). */
export async function searchTicketIds(
  db: Db,
  words: string,
  scope: SearchScope,
): Promise<number[]> {
  if (toFtsQuery(words) === undefined) return []
  const filters = scopeFilter(scope)
  const rank = sql`bm25(tickets_fts, 10.0, 3.0, 2.0)`
  if (scope.limit === 0) {
    // Every match as one comma-separated string: a row per match would cost an object each.
    // (`LIMIT -1` keeps the inner query whole: flattened, bm25 would be out of its context.)
    const { rows } = await sql<{
      ids: string | null
    }>`SELECT group_concat(id, ',' ORDER BY r, id) AS ids
      FROM (SELECT t.id, ${rank} AS r FROM tickets_fts JOIN tickets t ON t.id = tickets_fts.rowid
        WHERE tickets_fts MATCH ${toFtsQuery(words)} ${filters} LIMIT -1)`.execute(db)
    return parseIdList(rows[0]?.ids ?? null)
  }
  // FTS5 yields a term's matches newest first straight from its doclist, so the window costs
  // O(window) however many tickets match; bm25 then ranks only the window.
  return bestMatches(scope, async (whole, take) => {
    const { rows } = await sql<{ id: number }>`SELECT id FROM (
        SELECT t.id, ${rank} AS r FROM tickets_fts JOIN tickets t ON t.id = tickets_fts.rowid
        WHERE tickets_fts MATCH ${toFtsQuery(words, !whole)} ${filters}
        ORDER BY tickets_fts.rowid DESC LIMIT ${SEARCH_CANDIDATES})
      ORDER BY r, id LIMIT ${take}`.execute(db)
    return rows.map((r) => r.id)
  })
}

/** Re-reads every ticket into the index (after a bulk load that set the triggers aside). */
export function rebuildSqliteSearchIndex(db: DatabaseSync): void {
  db.exec(`INSERT INTO tickets_fts(tickets_fts) VALUES ('rebuild')`)
}
