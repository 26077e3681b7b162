import type { RawBuilder } from 'kysely'
import { dialectSql } from './dialect-sql.ts'
import type { Db } from './store.ts'

/** Row ids as one bound value, for `x IN idList(db, ids)` (see DialectSql.idList). */
export const idList = (db: Db, ids: Iterable<number>): RawBuilder<number> =>
  dialectSql(db).idList([...ids])
