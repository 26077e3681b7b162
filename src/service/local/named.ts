/** @module Lookup of rows that people refer to by id or by name. */
import type { Selectable } from 'kysely'
import { notFound } from '../../domain/errors.ts'
import { parseRef } from '../../domain/names.ts'
import type { Database } from '../../store/database.ts'
import type { Db } from '../../store/store.ts'

const nouns = { teams: 'team', workflows: 'workflow' } as const

type NamedTable = keyof typeof nouns

/** The row `ref` names: a number is an id, anything else a name, matched without regard to case. */
export async function resolveNamed<T extends NamedTable>(
  db: Db,
  table: T,
  ref: string,
): Promise<Selectable<Database[T]>> {
  const r = parseRef(ref)
  // Kysely cannot build a query over a generic table, so it is built over the union and the
  // row narrowed back to T's at the end.
  const q = db.selectFrom(table as NamedTable).selectAll()
  const row =
    'id' in r
      ? await q.where('id', '=', r.id).executeTakeFirst()
      : await q
          .where((eb) => eb(eb.fn('lower', ['name']), '=', r.name.toLowerCase()))
          .executeTakeFirst()
  const noun = nouns[table]
  if (!row) throw notFound(`${noun} "${ref}" not found`, `list ${noun}s with tk ${noun} list`)
  return row as Selectable<Database[T]>
}
