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

/** Every field of a `Ticket`, for checking `--fields` before anything runs. */
export const TICKET_FIELDS = [
  'id',
  'key',
  'project_id',
  'project_prefix',
  'type',
  'title',
  'description',
  'acceptance_criteria',
  'git_repository',
  'git_branch',
  'parent_id',
  'clone_of',
  'workflow_id',
  'stage',
  'state',
  'status',
  'priority',
  'sort_order',
  'estimate_effort',
  'estimate_complete',
  'health_score',
  'assignee',
  'open',
  'archived',
  'ready',
  'review_status',
  'attempts',
  'labels',
  'blocked',
  'created_by',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof Ticket)[]

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
