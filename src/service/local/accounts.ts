import type { Selectable } from 'kysely'
import { conflict, forbidden, TicketError } from '../../domain/errors.ts'
import type { User } from '../../domain/user.ts'
import type { UsersTable } from '../../store/database.ts'
import { first, prepared } from '../../store/prepared.ts'
import type { Db, Store } from '../../store/store.ts'
import { insertUser } from '../../store/users.ts'
import { crypto } from '../crypto.ts'
import { hashPassword, verifyPassword } from '../password.ts'
import type { NewAccount, Session } from '../ticket-service.ts'
import { toUser } from '../users.ts'
import { checkPassword, normaliseUsername } from './users.ts'

/** api.md "Authentication": sessions expire after 30 days without use. */
export const SESSION_IDLE_MS = 30 * 24 * 60 * 60 * 1000
// Sliding the expiry on every request would write on every read; once an hour is enough.
const EXTEND_AFTER_MS = 60 * 60 * 1000

/** Only the SHA-256 of a token is stored, so a copy of the database holds no usable session. */
// Every signed-in request asks this.
export const sessionUserQuery = (db: Db, tokenHash: string) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .selectAll('u')
    .select('s.expires_at')
    .where('s.token_hash', '=', tokenHash)
const sessionUser = prepared(sessionUserQuery, 'sessionUser')

// The one-shot digest: no Hash object per request (a third of `createHash`'s cost).
export const hashToken = (token: string) => crypto().hash('sha256', token, 'hex')

export async function isRegistrationEnabled(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'registration_enabled')
    .executeTakeFirst()
  return row?.value !== 'false'
}

/** Creates an account with role `user`; never logs in. */
async function createAccount(store: Store, input: NewAccount, now: Date): Promise<User> {
  const username = normaliseUsername(input.username)
  const hash = await hashPassword(checkPassword(input.password))
  const at = now.toISOString()
  const row = await store.transaction(async (db) => {
    const taken = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirst()
    if (taken) throw conflict(`user "${username}" already exists`, 'choose another username')
    return insertUser(db, {
      id: crypto().randomUUID(),
      username,
      display_name: input.display_name?.trim() || username,
      email: input.email?.trim() ?? '',
      password_hash: hash,
      created_at: at,
      updated_at: at,
    })
  })
  return toUser(row)
}

export async function register(store: Store, input: NewAccount, now: Date): Promise<User> {
  if (!(await store.read(isRegistrationEnabled)))
    throw forbidden('registration is disabled', 'ask an admin to create your account')
  return createAccount(store, input, now)
}

// A fixed hash to verify against when the user does not exist, so timing does not reveal names.
let dummyHash: Promise<string> | undefined

const invalidCredentials = () =>
  new TicketError('unauthenticated', 'invalid credentials', {
    hint: 'check the username and password',
  })

/** Checks the password and opens a session: a random 256-bit token, stored only as a hash. */
export async function login(
  store: Store,
  username: string,
  password: string,
  now: Date,
): Promise<Session> {
  const row = await store.read((db) =>
    db.selectFrom('users').selectAll().where('username', '=', username.trim()).executeTakeFirst(),
  )
  dummyHash ??= hashPassword('not a password of anyone')
  const ok = await verifyPassword(password, row?.password_hash ?? (await dummyHash))
  if (!row || !ok) throw invalidCredentials()
  if (row.enabled !== 1) throw forbidden(`user ${row.username} is disabled`)
  const token = crypto().randomBytes(32).toString('base64url')
  const expires_at = new Date(now.getTime() + SESSION_IDLE_MS).toISOString()
  await store.transaction((db) =>
    db
      .insertInto('sessions')
      .values({
        token_hash: hashToken(token),
        user_id: row.id,
        created_at: now.toISOString(),
        expires_at,
      })
      .execute(),
  )
  return { token, user: toUser(row), expires_at }
}

/** Whether a session with `left` ms to live must be ended (expired) or extended now. */
const needsWrite = (left: number) => left <= 0 || left < SESSION_IDLE_MS - EXTEND_AFTER_MS

/**
 * The user a token belongs to, read in the caller's snapshot (`db`), when its session needs no
 * write now: `null` for an unknown token, `undefined` when the session must first be ended or
 * extended (a write, which `authenticate` does outside any read).
 */
export async function sessionUserIn(
  db: Db,
  token: string,
  now: Date,
): Promise<User | null | undefined> {
  return sessionUserOf(await first(sessionUser(db, hashToken(token))), now)
}

/** `sessionUserIn`'s judgement of the row `sessionUserQuery` read (none: undefined). */
export function sessionUserOf(
  row: (Selectable<UsersTable> & { readonly expires_at: string }) | undefined,
  now: Date,
): User | null | undefined {
  if (!row) return null
  if (needsWrite(Date.parse(row.expires_at) - now.getTime())) return undefined
  const { expires_at: _, ...user } = row
  return toUser(user as Selectable<UsersTable>)
}

/** The enabled user a token belongs to, or `null` for an unknown or expired token. */
export async function authenticate(store: Store, token: string, now: Date): Promise<User | null> {
  const tokenHash = hashToken(token)
  // Every signed-in request starts here: one statement, so no transaction around it.
  const row = await store.readOne((db) => first(sessionUser(db, tokenHash)))
  if (!row) return null
  const left = Date.parse(row.expires_at) - now.getTime()
  if (!needsWrite(left)) {
    const { expires_at: _, ...user } = row
    return toUser(user as Selectable<UsersTable>)
  }
  if (left <= 0) {
    await logout(store, token)
    return null
  }
  if (left < SESSION_IDLE_MS - EXTEND_AFTER_MS)
    await store.transaction((db) =>
      db
        .updateTable('sessions')
        .set({ expires_at: new Date(now.getTime() + SESSION_IDLE_MS).toISOString() })
        .where('token_hash', '=', tokenHash)
        .execute(),
    )
  const { expires_at: _, ...user } = row
  return toUser(user as Selectable<UsersTable>)
}

export async function logout(store: Store, token: string): Promise<void> {
  await store.transaction((db) =>
    db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute(),
  )
}

export async function setRegistration(store: Store, enabled: boolean): Promise<boolean> {
  await store.transaction((db) =>
    db
      .insertInto('settings')
      .values({ key: 'registration_enabled', value: String(enabled) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(enabled) }))
      .execute(),
  )
  return enabled
}
