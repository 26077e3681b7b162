/** @module Kysely's SQLite compiler, with a LIMIT written into the SQL instead of bound. */
import { type LimitNode, SqliteQueryCompiler, ValueNode } from 'kysely'

/**
 * SQLite reads a LIMIT given as a parameter while planning, so binding a value to it marks the
 * prepared statement stale: every run then compiles the statement again (4–12 µs a query,
 * more than the lookup it limits; decision 0039). A whole-number LIMIT goes into the SQL text
 * instead, making one cached statement per distinct limit; anything else is bound as before.
 */
export class TicketSqliteQueryCompiler extends SqliteQueryCompiler {
  protected override visitLimit(node: LimitNode): void {
    const limit = node.limit
    if (ValueNode.is(limit) && Number.isSafeInteger(limit.value)) {
      this.append(`limit ${limit.value as number}`)
      return
    }
    super.visitLimit(node)
  }
}
