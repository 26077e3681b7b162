/** @module The one way a new ticket is written: sequence, key, first stage, row and history. */

import type { Selectable } from 'kysely'
import { notFound } from '../../domain/errors.ts'
import type { HistoryPayloads } from '../../domain/history.ts'
import { initialLifecycle } from '../../domain/lifecycle.ts'
import { DEFAULT_PRIORITY, type EditableField, type TicketType } from '../../domain/ticket.ts'
import { formatTicketKey } from '../../domain/ticket-key.ts'
import type { TicketsTable } from '../../store/database.ts'
import { insertNumberedTicket } from '../../store/numbered-ticket.ts'
import type { Db } from '../../store/store.ts'
import { NEW_TICKET, type NewTicketRow } from '../../store/tickets.ts'
import { stamp, type Tx } from './context.ts'
import { assertOpen } from './guards.ts'
import { stagesOf } from './resolve.ts'

type Optional = Partial<
  Pick<NewTicketRow, Exclude<EditableField, 'title'> | 'assignee' | 'review_status' | 'workflow_id'>
>

/**
 * A checked, normalised new ticket: the caller has already decided access, parent rules and
 * field values. What it leaves out starts as `NEW_TICKET` says, at priority `DEFAULT_PRIORITY`.
 */
type TicketDraft = Optional & {
  readonly project: { readonly id: number; readonly prefix: string }
  readonly type: TicketType
  readonly title: string
  readonly parent?: { readonly id: number; readonly key: string } | null
  readonly clone_of?: { readonly id: number; readonly key: string }
  /** Where the ticket came from, kept in its `ticket_created` event. */
  readonly origin?: Pick<HistoryPayloads['ticket_created'], 'source' | 'curated_from'>
}

/**
 * Writes `d` at the first stage of its workflow with the project's next key, and records
 * `ticket_created`. Deriving the parent's lifecycle is left to the caller, which may add several
 * children before doing it once.
 */
export async function insertNewTicket(
  tx: Tx,
  d: TicketDraft,
): Promise<{ readonly id: number; readonly key: string; readonly row: Selectable<TicketsTable> }> {
  const { db, ctx } = tx
  const { project, parent, clone_of, origin, ...fields } = d
  const workflow_id = d.workflow_id ?? NEW_TICKET.workflow_id
  const lifecycle = initialLifecycle(await stagesOf(db, { workflow_id, project_id: project.id }))
  const keyPrefix = formatTicketKey(project.prefix, d.type, 0).slice(0, -1)
  const now = stamp(ctx)
  // The project's row is locked from here to commit: the counter is the last thing taken.
  const row = await insertNumberedTicket(db, {
    keyPrefix,
    row: {
      description: '',
      acceptance_criteria: '',
      priority: DEFAULT_PRIORITY,
      ...fields,
      project_id: project.id,
      parent_id: parent?.id ?? null,
      clone_of_id: clone_of?.id ?? null,
      stage: lifecycle.stage,
      state: lifecycle.state,
      created_by: ctx.actor.username,
      created_at: now,
      updated_at: now,
    },
    history: {
      event_type: 'ticket_created',
      actor: ctx.actor.username,
      created_at: now,
      payload: JSON.stringify({
        type: d.type,
        title: d.title,
        status: `${lifecycle.stage}/${lifecycle.state}`,
        parent: parent?.key ?? null,
        assignee: d.assignee ?? null,
        ...origin,
        ...(clone_of ? { clone_of: clone_of.key } : {}),
      } satisfies HistoryPayloads['ticket_created']),
    },
  })
  if (!row) await refusedBy(db, project)
  const { id, key } = row!
  tx.created.add(id)
  return { id, key, row: row! }
}

/** Why the project's counter gave no number: it is closed, or gone. */
async function refusedBy(db: Db, project: { readonly id: number; readonly prefix: string }) {
  const now = await db
    .selectFrom('projects')
    .select('status')
    .where('id', '=', project.id)
    .executeTakeFirst()
  if (!now) throw notFound(`project ${project.prefix} no longer exists`)
  assertOpen({ prefix: project.prefix, status: now.status })
  throw new Error(`project ${project.prefix} refused a number while open`)
}
