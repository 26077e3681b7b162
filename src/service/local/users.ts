/** @module Users (admin only): accounts, enabling, passwords, removal. */

import type { Selectable } from 'kysely'
import { conflict, invalid, notFound } from '../../domain/errors.ts'
import {
  USER_ROLES,
  USER_TYPES,
  type User,
  type UserRole,
  type UserType,
} from '../../domain/user.ts'
import type { UsersTable } from '../../store/database.ts'
import type { Db } from '../../store/store.ts'
import { insertUser } from '../../store/users.ts'
import { crypto } from '../crypto.ts'
import type { NewUser, UserWithPassword } from '../organisation-service.ts'
import { generatePassword, hashPassword } from '../password.ts'
import { toUser } from '../users.ts'
import { requireAdmin } from './access.ts'
import { type Ctx, record, stamp } from './context.ts'

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/
const MIN_PASSWORD = 8

export function normaliseUsername(input: string): string {
  const u = input.trim()
  if (u === '') throw invalid('a username is required', 'e.g. tk user create -username alice')
  if (!USERNAME.test(u))
    throw invalid(
      `invalid username "${input}"`,
      'use up to 64 letters, digits, ".", "_", "-" or "@", starting with a letter or digit',
    )
  return u
}

export function checkPassword(pw: string): string {
  if (pw.length < MIN_PASSWORD)
    throw invalid(
      `the password is shorter than ${MIN_PASSWORD} characters`,
      'choose a longer one, or leave -password out to have one generated',
    )
  return pw
}

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  const v = value.trim().toLowerCase()
  if ((allowed as readonly string[]).includes(v)) return v as T
  throw invalid(`invalid ${what} "${value}"`, `use ${allowed.join(' or ')}`)
}

export async function findUser(db: Db, username: string): Promise<Selectable<UsersTable>> {
  const u = await db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username.trim())
    .executeTakeFirst()
  if (!u) throw notFound(`user "${username}" not found`, 'list users with tk user list')
  return u
}

export async function listUsers(ctx: Ctx, options: { include_agents?: boolean } = {}) {
  requireAdmin(ctx, 'list users')
  const rows = await ctx.store.read((db) => {
    let q = db.selectFrom('users').selectAll().orderBy('username')
    if (!options.include_agents) q = q.where('user_type', '=', 'user')
    return q.execute()
  })
  return rows.map(toUser)
}

export async function createUser(ctx: Ctx, input: NewUser): Promise<UserWithPassword> {
  requireAdmin(ctx, 'create users')
  const username = normaliseUsername(input.username)
  const role: UserRole = input.role ? oneOf(input.role, USER_ROLES, 'user role') : 'user'
  const type: UserType = input.user_type ? oneOf(input.user_type, USER_TYPES, 'user type') : 'user'
  const generated = input.password === undefined || input.password === ''
  const password = generated ? generatePassword() : checkPassword(input.password!)
  // Hashing is deliberately slow; do it before the write lock is taken.
  const hash = await hashPassword(password)
  const row = await ctx.store.transaction(async (db) => {
    const taken = await db
      .selectFrom('users')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
      .executeTakeFirst()
    if (taken) throw conflict(`user "${username}" already exists`, 'choose another username')
    const at = stamp(ctx)
    const created = await insertUser(db, {
      id: crypto().randomUUID(),
      username,
      display_name: input.display_name?.trim() || username,
      email: input.email?.trim() ?? '',
      role,
      user_type: type,
      password_hash: hash,
      created_at: at,
      updated_at: at,
    })
    await record(db, ctx, {
      event_type: 'user_created',
      project_id: null,
      payload: { username, role, user_type: type },
    })
    return created
  })
  return { user: toUser(row), password: generated ? password : null }
}

async function enabledAdmins(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('username')
    .where('role', '=', 'admin')
    .where('enabled', '=', 1)
    .execute()
  return rows.map((r) => r.username)
}

/** Nobody locks themselves out, and one enabled admin always remains. */
async function assertNotLastAdmin(db: Db, ctx: Ctx, u: Selectable<UsersTable>, action: string) {
  if (u.id === ctx.actor.id)
    throw conflict(`you cannot ${action} yourself`, 'ask another admin to do it')
  if (u.role === 'admin' && u.enabled === 1) {
    const admins = await enabledAdmins(db)
    if (admins.length <= 1)
      throw conflict(
        `${u.username} is the last enabled admin`,
        'create or enable another admin first',
      )
  }
}

export async function setUserEnabled(ctx: Ctx, username: string, enabled: boolean): Promise<User> {
  requireAdmin(ctx, enabled ? 'enable users' : 'disable users')
  const row = await ctx.store.transaction(async (db) => {
    const u = await findUser(db, username)
    if ((u.enabled === 1) === enabled) return u
    if (!enabled) await assertNotLastAdmin(db, ctx, u, 'disable')
    const updated = await db
      .updateTable('users')
      .set({ enabled: enabled ? 1 : 0, updated_at: stamp(ctx) })
      .where('id', '=', u.id)
      .returningAll()
      .executeTakeFirstOrThrow()
    // api.md "Authentication": a disabled user's sessions end.
    if (!enabled) await db.deleteFrom('sessions').where('user_id', '=', u.id).execute()
    await record(db, ctx, {
      event_type: enabled ? 'user_enabled' : 'user_disabled',
      project_id: null,
      payload: { username: u.username },
    })
    return updated
  })
  return toUser(row)
}

export async function resetPassword(
  ctx: Ctx,
  username: string,
  password?: string,
): Promise<UserWithPassword> {
  requireAdmin(ctx, 'reset passwords')
  const generated = password === undefined || password === ''
  const pw = generated ? generatePassword() : checkPassword(password)
  const hash = await hashPassword(pw)
  const row = await ctx.store.transaction(async (db) => {
    const u = await findUser(db, username)
    const updated = await db
      .updateTable('users')
      .set({ password_hash: hash, updated_at: stamp(ctx) })
      .where('id', '=', u.id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await db.deleteFrom('sessions').where('user_id', '=', u.id).execute()
    await record(db, ctx, {
      event_type: 'user_password_reset',
      project_id: null,
      payload: { username: u.username },
    })
    return updated
  })
  return { user: toUser(row), password: generated ? pw : null }
}

export async function deleteUser(ctx: Ctx, username: string): Promise<void> {
  requireAdmin(ctx, 'delete users')
  await ctx.store.transaction(async (db) => {
    const u = await findUser(db, username)
    await assertNotLastAdmin(db, ctx, u, 'delete')
    const assigned = await db
      .selectFrom('tickets')
      .select('key')
      .where('assignee', '=', u.username)
      .orderBy('id')
      .execute()
    if (assigned.length > 0)
      throw conflict(
        `${u.username} is assigned to ${assigned.map((t) => t.key).join(', ')}`,
        `unassign those tickets first (tk unassign KEY), or disable the user instead: tk user disable -username ${u.username}`,
      )
    // Sessions, project and team memberships and agent links go with the user (foreign keys
    // cascade); history, comments and authorship keep the username as written.
    await db.deleteFrom('users').where('id', '=', u.id).execute()
    await record(db, ctx, {
      event_type: 'user_deleted',
      project_id: null,
      payload: { username: u.username },
    })
  })
}
