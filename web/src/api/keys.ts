/** @module Query keys: one place, so live events and mutations invalidate the same entries. */
import type { TicketFilter } from './types.ts'

export const keys = {
  status: ['status'] as const,
  projects: ['projects'] as const,
  project: (prefix: string) => ['project', prefix] as const,
  members: (prefix: string) => ['members', prefix] as const,
  tickets: (prefix: string) => ['tickets', prefix] as const,
  ticketList: (prefix: string, filter: TicketFilter & { q?: string }) =>
    ['tickets', prefix, filter] as const,
  search: (words: string) => ['search', words] as const,
  ticket: (key: string) => ['ticket', key] as const,
  conversation: (key: string) => ['conversation', key] as const,
  users: ['users'] as const,
  agents: ['agents'] as const,
}
