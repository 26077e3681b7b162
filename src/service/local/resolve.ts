import { invalid, notFound, type TicketError } from '../../domain/errors.ts'
import { normalisePrefix } from '../../domain/project.ts'
import { parseTicketRef } from '../../domain/ticket-key.ts'
import { DEFAULT_WORKFLOW } from '../../domain/workflow.ts'
import { first, prepared } from '../../store/prepared.ts'
import type { Db } from '../../store/store.ts'
import { findTicketRowByKey, findTicketRowBySeq, type TicketRow } from '../../store/tickets.ts'

const projectById = prepared(
  (db, id: number) => db.selectFrom('projects').selectAll().where('id', '=', id),
  'projectById',
)
const projectByPrefix = prepared(
  (db, prefix: string) => db.selectFrom('projects').selectAll().where('prefix', '=', prefix),
  'projectByPrefix',
)

/**
 * What a caller hears about a project they may not see, hidden or absent alike
 * (docs/authorisation.md "Hidden and absent").
 */
export const projectNotFound = (ref: string): TicketError =>
  notFound(`project "${ref}" not found`, 'list projects with tk project list')

export const ticketNotFound = (ref: string): TicketError =>
  notFound(`ticket ${ref.trim().toUpperCase()} not found`, 'list tickets with tk ls')

/** The project `ref` names (a prefix or an id), if there is one. */
export async function findProject(db: Db, ref: string) {
  const trimmed = ref.trim()
  if (trimmed === '')
    throw invalid('no project given', 'pass -project PREFIX or run tk project use PREFIX')
  return /^\d+$/.test(trimmed)
    ? await first(projectById(db, Number(trimmed)))
    : await first(projectByPrefix(db, normalisePrefix(trimmed)))
}

export async function resolveProject(db: Db, ref: string) {
  const row = await findProject(db, ref)
  if (!row) throw projectNotFound(ref)
  return row
}

/** The ticket `ref` names (a key or PREFIX-SEQ), if there is one. */
export async function findTicket(db: Db, ref: string): Promise<TicketRow | undefined> {
  const r = parseTicketRef(ref)
  if (r.kind === 'local')
    throw invalid(`"${ref}" needs a project`, 'write the full key, e.g. CUS-T-42, or CUS-42')
  return r.kind === 'key' ? findTicketRowByKey(db, r.key) : findTicketRowBySeq(db, r.prefix, r.seq)
}

export async function resolveTicket(db: Db, ref: string): Promise<TicketRow> {
  const row = await findTicket(db, ref)
  if (!row) throw ticketNotFound(ref)
  return row
}

// The ticket's own workflow, else its project's; one query on every read and write of a ticket.
const stagesQuery = prepared(
  (db, workflowId: number | null, projectId: number) =>
    db
      .selectFrom('workflow_stages')
      .select('name')
      .where((eb) =>
        eb(
          'workflow_id',
          '=',
          eb.fn.coalesce(
            eb.val(workflowId),
            eb.selectFrom('projects').select('workflow_id').where('id', '=', projectId),
          ),
        ),
      )
      .orderBy('position'),
  'stagesQuery',
)

/** Stage names of a ticket's effective workflow: its own, else its project's, else the default. */
export async function stagesOf(db: Db, t: { workflow_id: number | null; project_id: number }) {
  return orDefaultStages((await stagesQuery(db, t.workflow_id, t.project_id)).map((r) => r.name))
}

/** A workflow's stage names as read; none means the ticket follows the default workflow. */
export const orDefaultStages = (names: readonly string[]): readonly string[] =>
  names.length > 0 ? names : DEFAULT_WORKFLOW.stages
