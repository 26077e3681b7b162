/** @module Read hooks over the service: one query key each, shared with live updates. */
import { useQuery } from '@tanstack/react-query'
import { allows, type ProjectRole } from '../../../src/domain/access.ts'
import { DEFAULT_STAGES } from '../../../src/domain/lifecycle.ts'
import type { ProjectDetail } from '../../../src/domain/project.ts'
import { keys } from './keys.ts'
import { service } from './service.ts'
import type { TicketFilter } from './types.ts'

export const useStatus = () => useQuery({ queryKey: keys.status, queryFn: () => service.status() })

export const useMe = () => useStatus().data?.user ?? null

export const useProjects = () =>
  useQuery({ queryKey: keys.projects, queryFn: () => service.listProjects() })

export const useProject = (prefix: string, enabled = true) =>
  useQuery({
    queryKey: keys.project(prefix),
    queryFn: () => service.getProject(prefix),
    enabled,
  })

/** Only owners and admins may list a project's members. */
export const useMembers = (prefix: string, enabled = true) =>
  useQuery({
    queryKey: keys.members(prefix),
    queryFn: () => service.listProjectMembers(prefix),
    enabled,
  })

// A board shows every open ticket of the project; 5,000 is far beyond a readable board.
export const BOARD_LIMIT = 5000

export const useTickets = (
  prefix: string,
  filter: TicketFilter & { q?: string } = {},
  enabled = true,
) =>
  useQuery({
    enabled,
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

/**
 * The caller's role in a project (api.md "Authorisation"), as the project itself says it, so
 * the UI offers only what the server will allow; a project the caller cannot read has none.
 * It shares the project's query, so the project is fetched once per page.
 */
export function useProjectRole(prefix: string): ProjectRole | null {
  return useProject(prefix).data?.role ?? null
}

/** Whether the caller may change the project's tickets: an editor or owner, on an open project. */
export const useCanWrite = (prefix: string): boolean => writableProject(useProject(prefix).data)

export const writableProject = (project: ProjectDetail | undefined) =>
  project !== undefined && canWrite(project.role) && project.status === 'open'

export const canWrite = (role: ProjectRole | null) => allows(role, 'write')
export const canManage = (role: ProjectRole | null) => allows(role, 'manage')

export const useWorkflows = () =>
  useQuery({
    queryKey: keys.workflows,
    queryFn: () => service.listWorkflows(),
    staleTime: 5 * 60_000,
  })

/** The board's lanes: the project's workflow stages, else the default workflow's. */
export function useProjectStages(prefix: string): readonly string[] | null {
  const project = useProject(prefix)
  const workflows = useWorkflows()
  if (!project.data) return null
  const id = project.data.workflow_id
  if (id === null) return DEFAULT_STAGES
  const w = workflows.data?.find((x) => x.id === id)
  if (!w) return workflows.isError ? DEFAULT_STAGES : null
  return w.stages.map((s) => s.name)
}
