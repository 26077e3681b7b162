/** @module How the value of each editable ticket field is checked before it is stored. */
import type { Selectable } from 'kysely'
import { invalid } from '../../domain/errors.ts'
import {
  EDITABLE_FIELDS,
  type EditableField,
  normaliseTitle,
  parsePriority,
  type Ticket,
} from '../../domain/ticket.ts'
import type { TicketsTable } from '../../store/database.ts'

function parseEstimateComplete(v: string): string {
  const d = new Date(v)
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(d.getTime()))
    throw invalid(`invalid date "${v}"`, 'write it as YYYY-MM-DD or an RFC 3339 timestamp')
  return d.toISOString()
}

function parseEffort(v: number): number {
  if (!Number.isInteger(v) || v < 0)
    throw invalid(`invalid estimate "${v}"`, 'estimate_effort is a whole number ≥ 0')
  return v
}

function parseOrder(v: number): number {
  if (!Number.isInteger(v)) throw invalid(`invalid order "${v}"`, 'order is a whole number')
  return v
}

const trim = (v: string) => v.trim()

/** Each editable field is a column of its own, of the ticket's type. */
type EditableColumns = Pick<Selectable<TicketsTable>, EditableField>

/**
 * One rule per editable field (domain `TICKET_FIELD_WRITES`), the same for a new ticket and an
 * update: a field added there and not here fails to compile.
 */
const NORMALISE: {
  readonly [K in EditableField]: (v: NonNullable<Ticket[K]>) => EditableColumns[K]
} = {
  title: normaliseTitle,
  description: trim,
  acceptance_criteria: trim,
  git_repository: trim,
  git_branch: trim,
  priority: parsePriority,
  sort_order: parseOrder,
  estimate_effort: parseEffort,
  estimate_complete: (v) => (v === '' ? null : parseEstimateComplete(v)),
}

/**
 * The editable fields `input` gives, checked and normalised; what it leaves out stays out.
 * `null` (allowed only where the ticket's type allows it) clears the field.
 */
export function normaliseFields(
  input: {
    readonly [K in EditableField]?: Ticket[K] | undefined
  },
): Partial<EditableColumns> {
  const out: Record<string, unknown> = {}
  for (const f of EDITABLE_FIELDS) {
    const v = input[f]
    if (v === undefined) continue
    out[f] = v === null ? null : (NORMALISE[f] as (v: unknown) => unknown)(v)
  }
  return out as Partial<EditableColumns>
}
