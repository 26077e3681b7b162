import { invalid, notFound } from '../../domain/errors.ts'
import { normalisePrefix } from '../../domain/project.ts'
import { parseTicketRef } from '../../domain/ticket-key.ts'
import { DEFAULT_WORKFLOW } from '../../domain/workflow.ts'
import type { Db } from '../../store/store.ts'
import { findTicketRowByKey, findTicketRowBySeq, type TicketRow } from '../../store/tickets.ts'

export async function resolveProject(db: Db, ref: string) {
  const trimmed = ref.trim()
  if (trimmed === '')
    throw invalid('no project given', 'pass -project PREFIX or run tk project use PREFIX')
  const q = db.selectFrom('projects').selectAll()
  const row = /^\d+$/.test(trimmed)
    ? await q.where('id', '=', Number(trimmed)).executeTakeFirst()
    : await q.where('prefix', '=', normalisePrefix(trimmed)).executeTakeFirst()
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

/** Stage names of a ticket's effective workflow: its own, else its project's, else the default. */
export async function stagesOf(db: Db, t: { workflow_id: number | null; project_id: number }) {
  let workflowId = t.workflow_id
  if (workflowId === null) {
    const p = await db
      .selectFrom('projects')
      .select('workflow_id')
      .where('id', '=', t.project_id)
      .executeTakeFirst()
    workflowId = p?.workflow_id ?? null
  }
  if (workflowId === null) return DEFAULT_WORKFLOW.stages as readonly string[]
  const rows = await db
    .selectFrom('workflow_stages')
    .select('name')
    .where('workflow_id', '=', workflowId)
    .orderBy('position')
    .execute()
  return rows.length > 0 ? rows.map((r) => r.name) : (DEFAULT_WORKFLOW.stages as readonly string[])
}
