/** @module Analyse: the prompt that asks an LLM to break a ticket down, and reading its answer. */
import { invalid } from './errors.ts'
import {
  childTypesOf,
  isTicketType,
  normaliseTitle,
  type Ticket,
  type TicketType,
} from './ticket.ts'

export type ProposedTicket = {
  readonly type: TicketType
  readonly title: string
  readonly description: string
  readonly acceptance_criteria: string
}

export type Breakdown = { readonly tickets: readonly ProposedTicket[] }

/** More than this is not a breakdown a person can review. */
export const MAX_PROPOSALS = 20

/** What is being broken down: a ticket (`CUS-E-3 [epic]`) or a story (`story 4`). */
export type BreakdownSubject = {
  readonly name: string
  readonly title: string
  readonly description: string
  readonly acceptance_criteria: string
  /** The ticket types the proposals may have. */
  readonly types: readonly TicketType[]
}

/** The types a story's breakdown may propose: top-level work items. */
export const STORY_BREAKDOWN_TYPES: readonly TicketType[] = [
  'epic',
  'task',
  'bug',
  'spike',
  'chore',
]

export const ticketSubject = (
  t: Pick<Ticket, 'key' | 'type' | 'title' | 'description' | 'acceptance_criteria'>,
): BreakdownSubject => ({
  name: `${t.type} ${t.key}`,
  title: t.title,
  description: t.description,
  acceptance_criteria: t.acceptance_criteria,
  types: childTypesOf(t.type),
})

/** The prompt: the subject, the types it may be broken into, and the JSON shape to answer in. */
export function breakdownPrompt(
  subject: BreakdownSubject,
  project: { prefix: string; title: string },
): string {
  return [
    `You are breaking ${subject.name} of project ${project.prefix} (${project.title}) into smaller tickets.`,
    '',
    `Title: ${subject.title}`,
    ...(subject.description ? ['Description:', subject.description] : []),
    ...(subject.acceptance_criteria ? ['Acceptance Criteria:', subject.acceptance_criteria] : []),
    '',
    `Propose 2 to 8 tickets. Allowed types: ${subject.types.join(', ')}.`,
    'Answer with JSON only, no prose, in exactly this shape:',
    '{"tickets":[{"type":"task","title":"…","description":"…","acceptance_criteria":"…"}]}',
  ].join('\n')
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '')

/**
 * Reads the LLM's answer: the JSON object between the first `{` and the last `}` (models like
 * to wrap it in prose or a code fence), checked field by field.
 */
export function parseBreakdown(answer: string, types: readonly TicketType[]): Breakdown {
  const start = answer.indexOf('{')
  const end = answer.lastIndexOf('}')
  if (start < 0 || end < start) throw invalid('the LLM answered without a JSON breakdown')
  let data: unknown
  try {
    data = JSON.parse(answer.slice(start, end + 1))
  } catch {
    throw invalid('the LLM answered with JSON that does not parse')
  }
  const list = (data as { tickets?: unknown }).tickets
  if (!Array.isArray(list) || list.length === 0)
    throw invalid('the LLM proposed no tickets', 'expected {"tickets": [{"title": …}, …]}')
  if (list.length > MAX_PROPOSALS)
    throw invalid(`the LLM proposed ${list.length} tickets; at most ${MAX_PROPOSALS} are taken`)
  return {
    tickets: list.map((item: unknown, i) => {
      const o = (item ?? {}) as Record<string, unknown>
      const type = text(o.type).toLowerCase() || 'task'
      if (!isTicketType(type) || !types.includes(type))
        throw invalid(`proposal ${i + 1}: type "${type}" is not allowed here (${types.join(', ')})`)
      return {
        type,
        title: normaliseTitle(text(o.title)),
        description: text(o.description),
        acceptance_criteria: text(o.acceptance_criteria),
      }
    }),
  }
}
