/** @module The chat settings, kept in the settings table. */
import { type ChatSettings, DEFAULT_CHAT_SETTINGS } from '../../domain/agent.ts'
import { invalid } from '../../domain/errors.ts'
import type { Db } from '../../store/store.ts'
import { requireAdmin } from './access.ts'
import type { Ctx } from './context.ts'

const KEYS = ['chat_enabled', 'chat_max_connections', 'chat_max_duration_seconds'] as const

export async function readChatSettings(db: Db): Promise<ChatSettings> {
  const rows = await db.selectFrom('settings').selectAll().where('key', 'in', KEYS).execute()
  const get = (k: string) => rows.find((r) => r.key === k)?.value
  const positive = (k: string, fallback: number) => {
    const n = Number(get(k))
    return Number.isInteger(n) && n > 0 ? n : fallback
  }
  return {
    chat_enabled: get('chat_enabled') === 'true',
    chat_max_connections: positive(
      'chat_max_connections',
      DEFAULT_CHAT_SETTINGS.chat_max_connections,
    ),
    chat_max_duration_seconds: positive(
      'chat_max_duration_seconds',
      DEFAULT_CHAT_SETTINGS.chat_max_duration_seconds,
    ),
  }
}

export const chatSettings = (ctx: Ctx) => ctx.store.read(readChatSettings)

export async function setChatSettings(
  ctx: Ctx,
  patch: Partial<ChatSettings>,
): Promise<ChatSettings> {
  requireAdmin(ctx, 'change the chat settings')
  for (const k of ['chat_max_connections', 'chat_max_duration_seconds'] as const) {
    const v = patch[k]
    if (v !== undefined && (!Number.isInteger(v) || v < 1 || v > 100_000))
      throw invalid(`${k} must be a whole number from 1 to 100000`)
  }
  await ctx.store.transaction(async (db) => {
    for (const [key, v] of Object.entries(patch)) {
      if (v === undefined || !(KEYS as readonly string[]).includes(key)) continue
      const value = String(v)
      await db
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute()
    }
  })
  return chatSettings(ctx)
}
