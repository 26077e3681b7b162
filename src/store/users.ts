import type { Insertable, Selectable } from 'kysely'
import type { UsersTable } from './database.ts'
import type { Db } from './store.ts'

/** What every new account starts with unless its creator says otherwise. */
const NEW_USER = {
  email: '',
  role: 'user',
  enabled: 1,
  user_type: 'user',
  status: 'idle',
  last_seen: null,
} satisfies Partial<Insertable<UsersTable>>

export type NewUserRow = Omit<Insertable<UsersTable>, keyof typeof NEW_USER> &
  Partial<Pick<Insertable<UsersTable>, keyof typeof NEW_USER>>

/** Inserts an account (person or agent) and returns it as stored. */
export function insertUser(db: Db, row: NewUserRow): Promise<Selectable<UsersTable>> {
  return db
    .insertInto('users')
    .values({ ...NEW_USER, ...row })
    .returningAll()
    .executeTakeFirstOrThrow()
}
