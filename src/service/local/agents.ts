/** @module Agent accounts and their settings: admin operations (reference/api.md §1.3). */

import type { AgentConfigEntry, AgentCredentials, AgentSummary } from '../../domain/agent.ts'
import { invalid, notFound } from '../../domain/errors.ts'
import type { User } from '../../domain/user.ts'
import type { Db } from '../../store/store.ts'
import { insertUser } from '../../store/users.ts'
import type { AgentPatch, NewAgent } from '../agent-service.ts'
import { crypto } from '../crypto.ts'
import { generatePassword, hashPassword } from '../password.ts'
import { toUser } from '../users.ts'
import { requireAdmin } from './access.ts'
import { type Ctx, mutate, stamp } from './context.ts'
import { activeTicketsOf, requeueInTx } from './requeue.ts'
import { checkPassword } from './users.ts'

const CONFIG_KEY = /^[a-z][a-z0-9_.-]{0,63}$/
const MAX_CONFIG_VALUE = 4000

async function agentRow(db: Db, id: string) {
  const row = await db
    .selectFrom('users')
    .selectAll()
    // Agents made here have id = username; ones made with `tk user create -type agent` do not.
    .where((eb) => eb.or([eb('id', '=', id.trim()), eb('username', '=', id.trim())]))
    .where('user_type', '=', 'agent')
    .executeTakeFirst()
  if (!row) throw notFound(`agent ${id} not found`, 'list agents with tk agent ls')
  return row
}

/** A supplied password is checked like any other; a generated one is 32 random characters. */
const secretOf = (password: string | undefined) =>
  password === undefined || password.trim() === ''
    ? generatePassword(32)
    : checkPassword(password.trim())

export async function createAgent(ctx: Ctx, input: NewAgent): Promise<AgentCredentials> {
  requireAdmin(ctx, 'create agents')
  const password = secretOf(input.password)
  const hash = await hashPassword(password)
  const id = crypto().randomUUID()
  const at = stamp(ctx)
  const row = await ctx.store.transaction((db) =>
    insertUser(db, {
      id,
      username: id,
      display_name: input.display_name?.trim() || id,
      description: input.description?.trim() ?? '',
      user_type: 'agent',
      password_hash: hash,
      created_at: at,
      updated_at: at,
    }),
  )
  return { agent: toUser(row), password }
}

export async function listAgents(ctx: Ctx): Promise<AgentSummary[]> {
  requireAdmin(ctx, 'list agents')
  return ctx.store.read(async (db) => {
    const agents = await db
      .selectFrom('users')
      .selectAll()
      .where('user_type', '=', 'agent')
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    const held = await db
      .selectFrom('tickets as t')
      .innerJoin('projects as p', 'p.id', 't.project_id')
      .innerJoin('users as u', 'u.username', 't.assignee')
      .select(['t.assignee', 't.key', 'p.prefix', 't.lease_expires_at'])
      .where('u.user_type', '=', 'agent')
      .where('t.state', '=', 'active')
      .orderBy('t.updated_at', 'desc')
      .execute()
    return agents.map((a) => {
      const h = held.find((t) => t.assignee === a.username)
      return {
        ...toUser(a),
        ticket_key: h?.key ?? null,
        project_prefix: h?.prefix ?? null,
        lease_expires_at: h?.lease_expires_at ?? null,
      }
    })
  })
}

export async function updateAgent(ctx: Ctx, id: string, patch: AgentPatch): Promise<User> {
  requireAdmin(ctx, 'update agents')
  if (
    patch.password === undefined &&
    patch.display_name === undefined &&
    patch.description === undefined
  )
    throw invalid('nothing to change', 'pass -password, -name or -description')
  const hash =
    patch.password === undefined ? undefined : await hashPassword(secretOf(patch.password))
  const row = await ctx.store.transaction(async (db) => {
    const a = await agentRow(db, id)
    if (hash) await db.deleteFrom('sessions').where('user_id', '=', a.id).execute()
    return db
      .updateTable('users')
      .set({
        ...(hash ? { password_hash: hash } : {}),
        ...(patch.display_name?.trim() ? { display_name: patch.display_name.trim() } : {}),
        ...(patch.description !== undefined ? { description: patch.description.trim() } : {}),
        updated_at: stamp(ctx),
      })
      .where('id', '=', a.id)
      .returningAll()
      .executeTakeFirstOrThrow()
  })
  return toUser(row)
}

export async function resetAgentPassword(
  ctx: Ctx,
  id: string,
  password?: string,
): Promise<AgentCredentials> {
  requireAdmin(ctx, 'reset agent passwords')
  const secret = secretOf(password)
  const agent = await updateAgent(ctx, id, { password: secret })
  return { agent, password: secret }
}

export async function setAgentEnabled(ctx: Ctx, id: string, enabled: boolean): Promise<User> {
  requireAdmin(ctx, 'enable or disable agents')
  const row = await ctx.store.transaction(async (db) => {
    const a = await agentRow(db, id)
    if (!enabled) await db.deleteFrom('sessions').where('user_id', '=', a.id).execute()
    return db
      .updateTable('users')
      .set({
        enabled: enabled ? 1 : 0,
        status: enabled ? 'idle' : 'disabled',
        updated_at: stamp(ctx),
      })
      .where('id', '=', a.id)
      .returningAll()
      .executeTakeFirstOrThrow()
  })
  return toUser(row)
}

/** The agent goes; whatever it held returns to the queue first, so nothing is left `active`. */
export async function deleteAgent(ctx: Ctx, id: string): Promise<void> {
  requireAdmin(ctx, 'delete agents')
  await mutate(ctx, async (tx) => {
    const a = await agentRow(tx.db, id)
    for (const t of await activeTicketsOf(tx.db, a.username))
      await requeueInTx(tx, t, { reason: 'agent deleted', countAttempt: false })
    await tx.db.deleteFrom('users').where('id', '=', a.id).execute()
  })
}

const toEntry = (r: { key: string; value: string; updated_at: string }): AgentConfigEntry => ({
  key: r.key,
  value: r.value,
  updated_at: r.updated_at,
})

export async function listAgentConfig(ctx: Ctx, id: string): Promise<AgentConfigEntry[]> {
  requireAdmin(ctx, 'read agent settings')
  return ctx.store.read(async (db) => {
    const a = await agentRow(db, id)
    const rows = await db
      .selectFrom('agent_config')
      .selectAll()
      .where('user_id', '=', a.id)
      .orderBy('key')
      .execute()
    return rows.map(toEntry)
  })
}

/** The agent's own settings, for the work response (it cannot list them through admin routes). */
export async function configOf(db: Db, userId: string): Promise<Record<string, string>> {
  const rows = await db
    .selectFrom('agent_config')
    .select(['key', 'value'])
    .where('user_id', '=', userId)
    .orderBy('key')
    .execute()
  return Object.fromEntries(rows.map((r) => [r.key, r.value]))
}

export async function setAgentConfig(
  ctx: Ctx,
  id: string,
  key: string,
  value: string,
): Promise<AgentConfigEntry> {
  requireAdmin(ctx, 'change agent settings')
  const k = key.trim().toLowerCase()
  if (!CONFIG_KEY.test(k))
    throw invalid(`invalid config key "${key}"`, 'use letters, digits, dots, dashes, underscores')
  if (value.length > MAX_CONFIG_VALUE)
    throw invalid(`config value is longer than ${MAX_CONFIG_VALUE} characters`)
  const updated_at = stamp(ctx)
  return ctx.store.transaction(async (db) => {
    const a = await agentRow(db, id)
    const row = await db
      .insertInto('agent_config')
      .values({ user_id: a.id, key: k, value, updated_at })
      .onConflict((oc) => oc.columns(['user_id', 'key']).doUpdateSet({ value, updated_at }))
      .returningAll()
      .executeTakeFirstOrThrow()
    return toEntry(row)
  })
}

export async function deleteAgentConfig(ctx: Ctx, id: string, key: string): Promise<void> {
  requireAdmin(ctx, 'change agent settings')
  await ctx.store.transaction(async (db) => {
    const a = await agentRow(db, id)
    const r = await db
      .deleteFrom('agent_config')
      .where('user_id', '=', a.id)
      .where('key', '=', key.trim().toLowerCase())
      .executeTakeFirst()
    if (Number(r.numDeletedRows) === 0) throw notFound(`agent ${a.id} has no setting "${key}"`)
  })
}
