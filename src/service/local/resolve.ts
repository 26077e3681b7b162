import { invalid, notFound } from '../../domain/errors.ts'
import { normalisePrefix } from '../../domain/project.ts'
import { parseTicketRef } from '../../domain/ticket-key.ts'
import { DEFAULT_WORKFLOW } from '../../domain/workflow.ts'
import { first, prepared } from '../../store/prepared.ts'
import type { Db } from '../../store/store.ts'
import { findTicketRowByKey, findTicketRowBySeq, type TicketRow } from '../../store/tickets.ts'

const projectById = prepared((db, id: number) =>
  db.selectFrom('projects').selectAll().where('id', '=', id),
)
const projectByPrefix = prepared((db, prefix: string) =>
  db.selectFrom('projects').selectAll().where('prefix', '=', prefix),
)

export async function resolveProject(db: Db, ref: string) {
  const trimmed = ref.trim()
  if (trimmed === '')
    throw invalid('no project given', 'pass -project PREFIX or run tk project use PREFIX')
  const row = /^\d+$/.test(trimmed)
    ? await first(projectById(db, Number(trimmed)))
    : await first(projectByPrefix(db, normalisePrefix(trimmed)))
  if (!row) throw notFound(`project "${ref}" not found`, 'list projects with tk project list')
  return row
}

export async function resolveTicket(db: Db, ref: string): Promise<TicketRow> {
  const r = parseTicketRef(ref)
  const row =
    r.kind === 'key'
      ? await findTicketRowByKey(db, r.key)
      : r.kind === 'seq'
        ? await findTicketRowBySeq(db, r.prefix, r.seq)
        : undefined
  if (r.kind === 'local')
    throw invalid(`"${ref}" needs a project`, 'write the full key, e.g. CUS-T-42, or CUS-42')
  if (!row)
    throw notFound(`ticket ${ref.trim().toUpperCase()} not found`, 'list tickets with tk ls')
  return row
}

// The ticket's own workflow, else its project's; one query on every read and write of a ticket.
const stagesQuery = prepared((db, workflowId: number | null, projectId: number) =>
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
)

/** Stage names of a ticket's effective workflow: its own, else its project's, else the default. */
export async function stagesOf(db: Db, t: { workflow_id: number | null; project_id: number }) {
  const rows = await stagesQuery(db, t.workflow_id, t.project_id)
  return rows.length > 0 ? rows.map((r) => r.name) : (DEFAULT_WORKFLOW.stages as readonly string[])
}
