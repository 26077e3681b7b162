import { invalid } from './errors.ts'
import { characterCount, refuseHiddenCharacters } from './terminal-text.ts'

export const TICKET_TYPES = [
  'epic',
  'task',
  'bug',
  'spike',
  'chore',
  'story',
  'requirement',
  'decision',
  'question',
  'note',
] as const
export type TicketType = (typeof TICKET_TYPES)[number]

export const isTicketType = (s: string): s is TicketType =>
  (TICKET_TYPES as readonly string[]).includes(s)

// domain.md "Tickets": the code between prefix and sequence in a key.
export const TYPE_CODES: Record<TicketType, string> = {
  epic: 'E',
  task: 'T',
  bug: 'B',
  spike: 'S',
  chore: 'C',
  story: 'Y',
  requirement: 'R',
  decision: 'D',
  question: 'Q',
  note: 'N',
}

const CHILD_TYPES: Record<TicketType, readonly TicketType[]> = {
  epic: ['epic', 'task', 'bug', 'spike', 'chore', 'story'],
  task: ['task', 'bug', 'spike', 'chore'],
  bug: [],
  spike: [],
  chore: [],
  story: [],
  requirement: [],
  decision: [],
  question: [],
  note: [],
}

export const canBeParentOf = (parent: TicketType, child: TicketType): boolean =>
  CHILD_TYPES[parent].includes(child)

export const childTypesOf = (parent: TicketType): readonly TicketType[] => CHILD_TYPES[parent]

export function parseTicketType(input: string): TicketType {
  const t = input.trim().toLowerCase()
  if (isTicketType(t)) return t
  throw invalid(`invalid ticket type "${input}"`, `use one of: ${TICKET_TYPES.join(', ')}`)
}

export const MAX_TITLE_LENGTH = 500

export function normaliseTitle(input: string): string {
  const title = input.replace(/\s+/g, ' ').trim()
  if (title === '')
    throw invalid('title is required', 'give the ticket a title, e.g. tk add "Fix login"')
  refuseHiddenCharacters(title, 'title')
  const length = characterCount(title)
  if (length > MAX_TITLE_LENGTH)
    throw invalid(`title is ${length} characters; the limit is ${MAX_TITLE_LENGTH}`)
  return title
}

export function parsePriority(input: number | string): number {
  const n = typeof input === 'number' ? input : Number(input)
  if (!Number.isInteger(n) || n < 1 || n > 9)
    throw invalid(`invalid priority "${input}"`, 'priority is a whole number from 1 (highest) to 9')
  return n
}

export const DEFAULT_PRIORITY = 3

/**
 * A ticket as every interface sees it (api.md "Conventions"): `id` and `key` are the same
 * string, `parent_id` and `clone_of` are keys, `blocked` lists unfinished dependencies.
 */
export type Ticket = {
  readonly id: string
  readonly key: string
  readonly project_id: number
  readonly project_prefix: string
  readonly type: TicketType
  readonly title: string
  readonly description: string
  readonly acceptance_criteria: string
  readonly git_repository: string
  readonly git_branch: string
  readonly parent_id: string | null
  readonly clone_of: string | null
  readonly workflow_id: number | null
  readonly stage: string
  readonly state: import('./lifecycle.ts').State
  readonly status: string
  readonly priority: number
  readonly sort_order: number
  readonly estimate_effort: number
  readonly estimate_complete: string | null
  readonly health_score: number | null
  readonly assignee: string | null
  /**
   * How the assignee is shown: their display name, else their username. An agent's username
   * is a UUID, so screens show this and keep `assignee` for commands and filters.
   */
  readonly assignee_name: string | null
  readonly open: boolean
  readonly archived: boolean
  readonly ready: boolean
  readonly review_status: string | null
  readonly attempts: number
  readonly labels: readonly string[]
  readonly blocked: readonly string[]
  readonly created_by: string
  readonly created_at: string
  readonly updated_at: string
}

/**
 * How each field of a `Ticket` is written, and so the one place a new field is named besides
 * the type: `input` fields are given when a ticket is created and changed by an update,
 * `update` ones only by an update, and `kept` ones are the service's, derived or changed
 * through a call of their own (lifecycle, parent, assignee, flags). The request types, the
 * request schemas, the CLI's flags and every view follow from it, so the compiler names them.
 */
export const TICKET_FIELD_WRITES = {
  id: 'kept',
  key: 'kept',
  project_id: 'kept',
  project_prefix: 'kept',
  type: 'kept',
  title: 'input',
  description: 'input',
  acceptance_criteria: 'input',
  git_repository: 'input',
  git_branch: 'input',
  parent_id: 'kept',
  clone_of: 'kept',
  workflow_id: 'kept',
  stage: 'kept',
  state: 'kept',
  status: 'kept',
  priority: 'input',
  sort_order: 'update',
  estimate_effort: 'input',
  estimate_complete: 'input',
  health_score: 'kept',
  assignee: 'kept',
  assignee_name: 'kept',
  open: 'kept',
  archived: 'kept',
  ready: 'kept',
  review_status: 'kept',
  attempts: 'kept',
  labels: 'kept',
  blocked: 'kept',
  created_by: 'kept',
  created_at: 'kept',
  updated_at: 'kept',
} as const satisfies Record<keyof Ticket, 'input' | 'update' | 'kept'>

type FieldsWritten<W> = {
  [K in keyof Ticket]: (typeof TICKET_FIELD_WRITES)[K] extends W ? K : never
}[keyof Ticket]
/** Fields a new ticket may be given, and an update may change. */
export type InputField = FieldsWritten<'input'>
/** Fields an update may change with no more rules than their own value's. */
export type EditableField = FieldsWritten<'input' | 'update'>

/** Every field of a `Ticket`, for checking `--fields` before anything runs. */
export const TICKET_FIELDS = Object.keys(TICKET_FIELD_WRITES) as readonly (keyof Ticket)[]

export const EDITABLE_FIELDS = TICKET_FIELDS.filter(
  (f): f is EditableField => TICKET_FIELD_WRITES[f] !== 'kept',
)

/** A ticket with what `get` shows beside it. */
export type TicketDetail = Ticket & {
  readonly children: readonly Ticket[]
  readonly depends_on: readonly string[]
  readonly time_minutes: number
  readonly stages: readonly string[]
}

/** The assignee as a detail view shows it: `Build bot (cf7d…)` when the name is not the username. */
export function assigneeLabel(t: Pick<Ticket, 'assignee' | 'assignee_name'>): string {
  if (t.assignee === null) return '-'
  const name = t.assignee_name ?? t.assignee
  return name === t.assignee ? name : `${name} (${t.assignee})`
}
