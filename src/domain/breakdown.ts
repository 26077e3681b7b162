/** @module Analyse: the prompt that asks an LLM to break a ticket down, and reading its answer. */
import { invalid } from './errors.ts'
import {
  canBeParentOf,
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

/** The prompt: the ticket, the child types its type allows, and the JSON shape to answer in. */
export function breakdownPrompt(
  t: Pick<Ticket, 'key' | 'type' | 'title' | 'description' | 'acceptance_criteria'>,
  project: { prefix: string; title: string },
): string {
  const types = childTypesOf(t.type).join(', ')
  return [
    `You are breaking a ${t.type} of project ${project.prefix} (${project.title}) into smaller tickets.`,
    '',
    `Ticket: ${t.key}`,
    `Title: ${t.title}`,
    ...(t.description ? ['Description:', t.description] : []),
    ...(t.acceptance_criteria ? ['Acceptance Criteria:', t.acceptance_criteria] : []),
    '',
    `Propose 2 to 8 child tickets. Allowed types: ${types}.`,
    'Answer with JSON only, no prose, in exactly this shape:',
    '{"tickets":[{"type":"task","title":"…","description":"…","acceptance_criteria":"…"}]}',
  ].join('\n')
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '')

/**
 * Reads the LLM's answer: the JSON object between the first `{` and the last `}` (models like
 * to wrap it in prose or a code fence), checked field by field.
 */
export function parseBreakdown(answer: string, parentType: TicketType): Breakdown {
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
      if (!isTicketType(type) || !canBeParentOf(parentType, type))
        throw invalid(`proposal ${i + 1}: a ${parentType} cannot hold a "${type}"`)
      return {
        type,
        title: normaliseTitle(text(o.title)),
        description: text(o.description),
        acceptance_criteria: text(o.acceptance_criteria),
      }
    }),
  }
}
