/** @module The few SQL fragments shared queries need whose spelling differs between dialects. */
import type {
  Compilable,
  DialectAdapter,
  Expression,
  RawBuilder,
  Selectable,
  SelectQueryBuilder,
} from 'kysely'
import type { TicketsTable } from './database.ts'
import type { NumberedTicket } from './numbered-ticket.ts'
import type { Db } from './store.ts'

export type DialectSql = {
  /**
   * A list of row ids as one bound value (`x IN ids`): an `IN (?, ?, …)` list binds one
   * variable per id, and SQLite refuses a statement past 32,766 of them, so lists that grow
   * with the data (a whole project's tickets, every search match) would fail at scale.
   */
  idList(ids: readonly number[]): RawBuilder<number>
  /** The one value `idList` binds for `ids`, for a query compiled once (`prepared`). */
  idParam(ids: readonly number[]): unknown
  /** `idList` around a value from `idParam`, or a `prepared` query's stand-in for one. */
  idsIn(param: unknown): RawBuilder<number>
  /** A join the planner must take in the order written (SQLite: CROSS JOIN … ON). */
  readonly orderedJoin: RawBuilder<unknown>
  /**
   * Ends a SELECT of rows about to be claimed: locks them, passing over rows another
   * transaction holds, so racing claimants take different tickets instead of queueing on one.
   * Empty where one writer at a time is the rule (SQLite).
   */
  readonly skipLocked: RawBuilder<unknown>
  /**
   * `insertNumberedTicket` as one statement, where the dialect can write in a WITH
   * (PostgreSQL); absent, it runs as three (SQLite, whose statements are calls, not round trips).
   */
  readonly insertNumberedTicket?: (
    db: Db,
    t: NumberedTicket,
  ) => Promise<Selectable<TicketsTable> | undefined>
  /**
   * Several reads as one statement answering one row, each read's rows as a JSON array in
   * the column its name gives, where every statement is a round trip (PostgreSQL); absent
   * where statements are calls (SQLite), whose reads stay separate. `from`: a FROM part (one
   * row) whose columns the reads may refer to, so that a value they share is looked up once.
   */
  readonly readsInOne?: <R extends Readonly<Record<string, Expression<unknown>>>>(
    db: Db,
    reads: R,
    // biome-ignore lint/suspicious/noExplicitAny: any FROM part; the reads refer to it by name
    from?: SelectQueryBuilder<any, any, object>,
  ) => Compilable<{ [K in keyof R]: R[K] extends Expression<infer O> ? O[] : never }>
}

// Keyed by the dialect's adapter, which a database shares with its transactions.
const byAdapter = new WeakMap<DialectAdapter, DialectSql>()

/** Called by each dialect's opener for the database it opened. */
export function registerDialectSql(db: Db, fragments: DialectSql): void {
  byAdapter.set(db.getExecutor().adapter, fragments)
}

export function dialectSql(db: Db): DialectSql {
  const found = byAdapter.get(db.getExecutor().adapter)
  if (!found) throw new Error('no SQL fragments registered for this database')
  return found
}
