import type { DatabaseSync } from 'node:sqlite'
import { type Kysely, sql } from 'kysely'

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
 * Turns free words into an FTS5 query: every word must match (as a prefix), and no character
 * the user types can be read as FTS5 syntax.
 */
export function toFtsQuery(words: string): string | undefined {
  const tokens = words.match(/[\p{L}\p{N}_]+/gu)
  if (!tokens || tokens.length === 0) return undefined
  return tokens.map((t) => `"${t}"*`).join(' ')
}

/** Re-reads every ticket into the index (after a bulk load that set the triggers aside). */
export function rebuildSqliteSearchIndex(db: DatabaseSync): void {
  db.exec(`INSERT INTO tickets_fts(tickets_fts) VALUES ('rebuild')`)
}
