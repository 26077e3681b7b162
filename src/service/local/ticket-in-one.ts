/**
 * @module GET one ticket as one statement where the store reads several queries in one
 * (PostgreSQL, decision 0050): the session, the access check, the ticket, its children and
 * extras, its latest comments and history and the agents they name, in one round trip and one
 * snapshot, built from the very queries the separate reads run.
 */
import { sql } from 'kysely'
import { allows, effectiveRole, parseProjectRole, strongest } from '../../domain/access.ts'
import { parseTicketRef } from '../../domain/ticket-key.ts'
import type { User } from '../../domain/user.ts'
import { dialectSql } from '../../store/dialect-sql.ts'
import { first, prepared } from '../../store/prepared.ts'
import type { Db, Store } from '../../store/store.ts'
import {
  detailExtrasQuery,
  type ExtraRow,
  selectTickets,
  type TicketRow,
} from '../../store/tickets.ts'
import type { TicketWithRecords } from '../ticket-service.ts'
import { teamsAboveQuery } from './access.ts'
import { hashToken, sessionUserOf, sessionUserQuery } from './accounts.ts'
import { latestCommentsQuery, latestHistoryQuery, recordsOf } from './records.ts'
import { ticketNotFound } from './resolve.ts'
import { detailFrom } from './tickets.ts'

const ticketInOneQuery = (db: Db, tokenHash: string, key: string) => {
  // The ticket and the session are looked up once, in the statement's FROM, and every read
  // refers to their columns: a subquery per use was an index scan and a plan node each,
  // 19 of them, whose start and end cost PostgreSQL more than their work (decision 0053).
  // Left joins: an absent ticket or session still answers one row, with empty reads. The
  // casts are standard SQL: parameters need a type where nothing else gives them one.
  const from = db
    .selectFrom(
      db
        .selectNoFrom([
          sql<string>`cast(${tokenHash} as text)`.as('token_hash'),
          sql<string>`cast(${key} as text)`.as('key'),
        ])
        .as('arg'),
    )
    .leftJoin('tickets as k', 'k.key', 'arg.key')
    .leftJoin('sessions as ks', 'ks.token_hash', 'arg.token_hash')
  const id = sql.ref<number>('k.id')
  const projectId = sql.ref<number>('k.project_id')
  const userId = sql.ref<string>('ks.user_id')
  const history = latestHistoryQuery(db, id)
  return dialectSql(db).readsInOne!(
    db,
    {
      session: sessionUserQuery(db, tokenHash),
      ticket: selectTickets(db).select('p.visibility').where('t.key', '=', key),
      // roleOf's reads: the direct membership, else the roles of the user's teams and those above.
      member: db
        .selectFrom('project_members')
        .select('role')
        .where('project_id', '=', projectId)
        .where('user_id', '=', userId),
      teams: db
        .selectFrom('project_teams')
        .select('role')
        .where('project_id', '=', projectId)
        .where('team_id', 'in', teamsAboveQuery(db, { userId })),
      children: selectTickets(db).where('t.parent_id', '=', id).orderBy('t.id'),
      extras: detailExtrasQuery(
        db,
        true,
        id,
        sql.ref<number | null>('k.workflow_id'),
        projectId,
      ) as never,
      comments: latestCommentsQuery(db, id),
      history,
      // Agents an event's payload may name: a superset (payload text holding the username as a
      // JSON string), which `recordsOf` narrows to the names each event mentions.
      agents: db
        .selectFrom('users as u')
        .select(['u.username', 'u.display_name'])
        .where('u.user_type', '=', 'agent')
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom(history.as('h'))
              .select('h.id')
              .where(sql<boolean>`h.payload LIKE '%"' || u.username || '"%'`),
          ),
        ),
    },
    from,
  )
}
const ticketInOne = prepared(ticketInOneQuery)

type InOne = {
  readonly session: (Parameters<typeof sessionUserOf>[0] & object)[]
  readonly ticket: (TicketRow & { readonly visibility: string })[]
  readonly member: { readonly role: string }[]
  readonly teams: { readonly role: string }[]
  readonly children: TicketRow[]
  readonly extras: ExtraRow[]
  readonly comments: Parameters<typeof recordsOf>[1][number][]
  readonly history: Parameters<typeof recordsOf>[2][number][]
  readonly agents: { readonly username: string; readonly display_name: string }[]
}

/**
 * What `readAs(token, (s) => s.getTicketWithRecords(ref))` answers, read in one statement:
 * null for a token that is no session, the ticket's 404 for one the user may not read (the
 * same statement and the same error as for an absent one). Undefined when it cannot be read
 * so (the store has no such statement, the reference is not a key, the session must be
 * extended or ended first): the caller reads it the usual way.
 */
export async function ticketWithRecordsInOne(
  store: Store,
  token: string,
  ref: string,
  now: Date,
): Promise<{ readonly user: User; readonly value: TicketWithRecords } | null | undefined> {
  const r = parseTicketRef(ref)
  if (r.kind !== 'key') return undefined
  const row = await store.readOne(async (db) =>
    dialectSql(db).readsInOne
      ? ((await first(ticketInOne(db, hashToken(token), r.key))) as InOne | undefined)
      : undefined,
  )
  if (!row) return undefined
  const user = sessionUserOf(row.session[0], now)
  if (!user) return user
  const ticket = row.ticket[0]
  const member = row.member[0]
  const role = effectiveRole({
    admin: user.role === 'admin',
    member: member ? parseProjectRole(member.role) : null,
    team: row.teams.reduce<ReturnType<typeof strongest>>(
      (s, t) => strongest(s, parseProjectRole(t.role)),
      null,
    ),
    visibility: ticket?.visibility ?? 'private',
  })
  if (!ticket || !allows(role, 'read')) throw ticketNotFound(ref)
  const { visibility: _, ...t } = ticket
  const records = recordsOf(t, row.comments, row.history)
  return {
    user,
    value: {
      ...detailFrom(t, row.children, row.extras),
      ...records.named(new Map(row.agents.map((a) => [a.username, a.display_name]))),
    },
  }
}
