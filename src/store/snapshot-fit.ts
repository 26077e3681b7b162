/** @module What both dialects check before loading a snapshot table into the live schema. */
import { invalid } from '../domain/errors.ts'

/** A data table as the live schema has it: its columns, and the order rows are read in. */
export type TableInfo = { name: string; columns: string[]; order: string[] }

/** Refuses a snapshot table or column this database does not have: nothing is dropped silently. */
export function checkFits(name: string, columns: readonly string[], live: Map<string, TableInfo>) {
  const known = live.get(name)
  if (!known)
    throw invalid(
      `the snapshot has a table "${name}" that this database does not have`,
      'import it with the version of tk that exported it',
    )
  const unknown = columns.find((c) => !known.columns.includes(c))
  if (unknown !== undefined)
    throw invalid(
      `the snapshot's table "${name}" has a column "${unknown}" that this database does not have`,
      'import it with the version of tk that exported it',
    )
}
