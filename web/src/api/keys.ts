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
  /** Not under `tickets`: the board's pages have their own shape (api/board.ts). */
  board: (prefix: string) => ['board', prefix] as const,
  /** The list's pages (api/list.ts), each filter its own entry. */
  lists: (prefix: string) => ['list', prefix] as const,
  list: (prefix: string, filter: TicketFilter & { q?: string }) =>
    ['list', prefix, filter] as const,
  search: (words: string) => ['search', words] as const,
  ticket: (key: string) => ['ticket', key] as const,
  conversation: (key: string) => ['conversation', key] as const,
  /** Under the ticket's own key, so invalidating the ticket refetches them too. */
  ticketTime: (key: string, minutes: number) => ['ticket', key, 'time', minutes] as const,
  ticketDependencies: (key: string, updatedAt: string, dependsOn: readonly string[]) =>
    ['ticket', key, 'dependencies', updatedAt, dependsOn.join()] as const,
  summary: (prefix: string) => ['summary', prefix] as const,
  tree: (prefix: string) => ['tree', prefix] as const,
  /** The graph view's pieces (features/graph), the first and each expanded ticket's. */
  graph: (prefix: string) => ['graph', prefix] as const,
  labels: (prefix: string) => ['labels', prefix] as const,
  requirements: (prefix: string) => ['requirements', prefix] as const,
  requirementList: (prefix: string, status: string) => ['requirements', prefix, status] as const,
  stories: (prefix: string) => ['stories', prefix] as const,
  story: (id: number) => ['story', id] as const,
  projectTeams: (prefix: string) => ['project-teams', prefix] as const,
  users: ['users'] as const,
  agents: ['agents'] as const,
  teams: ['teams'] as const,
  team: (name: string) => ['team', name] as const,
  workflows: ['workflows'] as const,
  roles: ['roles'] as const,
  chatSettings: ['chat-settings'] as const,
}
