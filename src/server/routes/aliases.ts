/**
 * @module The reference's names for request fields (reference/api.md §1), taken beside ours.
 * A body may use either name; when it sends both and they name different things, it is refused.
 */

import type { FastifyRequest } from 'fastify'
import { invalid } from '../../domain/errors.ts'
import type { User } from '../../domain/user.ts'
import type { TicketService } from '../../service/ticket-service.ts'

type Value = string | number | null | undefined

/** The key a value is compared by: case, surrounding blanks and number-vs-digits do not count. */
const plain = (v: string | number) => String(v).trim().toLowerCase()

/**
 * The value of our field `ours` or, failing that, of the reference's `theirs`, as a string.
 * When both are sent, they must agree: equal as written, or (with `key`) naming the same
 * thing, e.g. a project's prefix and its numeric id. Otherwise 400.
 */
export async function either(
  ours: readonly [name: string, value: Value],
  theirs: readonly [name: string, value: Value],
  key?: (ref: string) => Promise<unknown>,
): Promise<string | undefined> {
  const [a, b] = [ours[1], theirs[1]]
  if (a === undefined || a === null) return b === undefined || b === null ? undefined : String(b)
  if (b === undefined || b === null || plain(a) === plain(b)) return String(a)
  if (key && (await sameThing(String(a), String(b), key))) return String(a)
  throw disagree(ours[0], theirs[0])
}

/** Whether two references resolve to the same key; a reference that does not resolve is not. */
export async function sameThing(a: string, b: string, key: (ref: string) => Promise<unknown>) {
  try {
    const [ka, kb] = await Promise.all([key(a), key(b)])
    return ka === kb
  } catch {
    return false
  }
}

/** The same for values compared exactly (texts, numbers, flags). */
export function eitherExact<T>(
  ours: readonly [name: string, value: T | undefined],
  theirs: readonly [name: string, value: T | undefined],
): T | undefined {
  const [a, b] = [ours[1], theirs[1]]
  if (a !== undefined && b !== undefined && JSON.stringify(a) !== JSON.stringify(b))
    throw disagree(ours[0], theirs[0])
  return a ?? b
}

export const disagree = (ours: string, theirs: string) =>
  invalid(
    `"${ours}" and "${theirs}" disagree`,
    `"${theirs}" is the reference's name for "${ours}": send one of them, or the same value in both`,
  )

/** The required value of `ours` or its alias, with the usual message when neither is sent. */
export function required(value: string | undefined, name: string, example: string): string {
  if (value === undefined) throw invalid(`${name} is required`, `send "${name}": "${example}"`)
  return value
}

/** What two references are compared by, when their spelling differs. */
export const keys = (svc: TicketService) => ({
  project: async (ref: string) => (await svc.getProject(ref)).id,
  ticket: async (ref: string) => (await svc.getTicket(ref)).key,
  team: async (ref: string) => (await svc.getTeam(ref)).id,
  role: async (ref: string) => (await svc.getRole(ref)).id,
  workflow: async (ref: string) => (await svc.getWorkflow(ref)).id,
})

/**
 * The username the reference's `user_id` names. Our user ids are UUIDs the service does not
 * look up, so an id is turned into a username here: the caller's own, or any for an admin
 * (who may list users); anything else is taken as a username.
 */
export async function usernameOf(svc: TicketService, actor: User | null, ref: string) {
  if (!actor) return ref
  if (actor.id === ref) return actor.username
  if (actor.role !== 'admin') return ref
  const user = (await svc.listUsers({ include_agents: true })).find((u) => u.id === ref)
  return user?.username ?? ref
}

/** `username`, or the reference's `user_id` (an id or a username). */
export async function userOf(
  svc: TicketService,
  req: FastifyRequest,
  b: { username?: string | undefined; user_id?: string | undefined },
) {
  const theirs = b.user_id === undefined ? undefined : await usernameOf(svc, req.actor, b.user_id)
  return required(await either(['username', b.username], ['user_id', theirs]), 'username', 'alice')
}

/**
 * The username of the member a URL names by username or, as the original's clients do, by
 * user id. Looked up among the members themselves, so a project or team owner who is not
 * an admin can use ids too; a caller who may not list them gets the removal's own refusal.
 */
export async function memberNamed(
  ref: string,
  members: () => Promise<readonly { username: string; user_id: string }[]>,
) {
  const all = await members().catch(() => [])
  if (all.some((m) => m.username === ref)) return ref
  return all.find((m) => m.user_id === ref)?.username ?? ref
}
