/** @module Read hooks over the service: one query key each, shared with live updates. */
import { useQuery } from '@tanstack/react-query'
import type { ProjectRole } from '../../../src/domain/access.ts'
import { keys } from './keys.ts'
import { service } from './service.ts'
import type { TicketFilter } from './types.ts'

export const useStatus = () => useQuery({ queryKey: keys.status, queryFn: () => service.status() })

export const useMe = () => useStatus().data?.user ?? null

export const useProjects = () =>
  useQuery({ queryKey: keys.projects, queryFn: () => service.listProjects() })

export const useProject = (prefix: string) =>
  useQuery({ queryKey: keys.project(prefix), queryFn: () => service.getProject(prefix) })

export const useMembers = (prefix: string) =>
  useQuery({ queryKey: keys.members(prefix), queryFn: () => service.listMembers(prefix) })

// A board shows every open ticket of the project; 5,000 is far beyond a readable board.
export const BOARD_LIMIT = 5000

export const useTickets = (prefix: string, filter: TicketFilter & { q?: string } = {}) =>
  useQuery({
    queryKey: keys.ticketList(prefix, filter),
    queryFn: () => {
      const { q, ...rest } = filter
      const f = { limit: BOARD_LIMIT, ...rest, project: prefix }
      return q?.trim() ? service.searchTickets(q, f) : service.listTickets(f)
    },
  })

export const useTicket = (key: string) =>
  useQuery({ queryKey: keys.ticket(key), queryFn: () => service.getTicket(key) })

export const useConversation = (key: string) =>
  useQuery({ queryKey: keys.conversation(key), queryFn: () => service.conversation(key) })

const RANK: Record<ProjectRole, number> = { viewer: 1, editor: 2, owner: 3 }

/** The caller's role in a project, as api.md "Authorisation" grants it. */
export function useProjectRole(prefix: string): ProjectRole | null {
  const me = useMe()
  const members = useMembers(prefix)
  const project = useProject(prefix)
  if (!me) return null
  if (me.role === 'admin') return 'owner'
  const mine = members.data?.find((m) => m.username === me.username)
  if (mine) return mine.role
  return project.data?.visibility === 'public' ? 'viewer' : null
}

export const canWrite = (role: ProjectRole | null) => role !== null && RANK[role] >= RANK.editor
export const canManage = (role: ProjectRole | null) => role === 'owner'
