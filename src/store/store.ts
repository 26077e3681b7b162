import type { Kysely } from 'kysely'
import type { Database } from './database.ts'

export type Db = Kysely<Database>

export type SearchScope = {
  readonly limit: number
  readonly projectId?: number
  /** Include closed tickets. */
  readonly closed?: boolean
  /** Include archived (and closed) tickets. */
  readonly archived?: boolean
}

/**
 * The database behind a `LocalService`: typed query access, transactions, and the few
 * operations whose SQL differs between dialects (full-text search, integrity checks).
 */
export interface Store {
  readonly db: Db
  /** Where the data lives (a file path for SQLite). */
  readonly location: string
  /** Runs `fn` in one write transaction; driver failures come out as `TicketError`s. */
  transaction<T>(fn: (db: Db) => Promise<T>): Promise<T>
  /** Runs reads outside a transaction, with the same error mapping. */
  read<T>(fn: (db: Db) => Promise<T>): Promise<T>
  /** Ticket ids matching free words, best match first, within the given scope. */
  searchTicketIds(words: string, scope: SearchScope): Promise<number[]>
  /** `ok`, or the problems the database engine reports about its own file. */
  integrityCheck(): Promise<string[]>
  schemaVersion(): Promise<number>
  close(): Promise<void>
}
