/** @module How the command table loads command code: each module only when its command runs. */
import type { CommandSpec, Run } from '../command.ts'

export const lazy =
  <M>(load: () => Promise<M>, pick: (m: M) => Run) =>
  async (): Promise<Run> =>
    pick(await load())

/** Entries written without their section, for a table whose entries all share one. */
export const inSection =
  (section: CommandSpec['section']) =>
  (spec: Omit<CommandSpec, 'section' | 'load'>, load: CommandSpec['load']): CommandSpec => ({
    ...spec,
    section,
    load,
  })

export const session = () => import('../commands/session.ts')
export const tickets = () => import('../commands/tickets.ts')
export const epics = () => import('../commands/epics.ts')
export const lifecycle = () => import('../commands/lifecycle.ts')
export const work = () => import('../commands/work.ts')
export const records = () => import('../commands/records.ts')
export const projects = () => import('../commands/projects.ts')
export const system = () => import('../commands/system.ts')
export const agentDocs = () => import('../commands/agent-docs.ts')
export const config = () => import('../commands/config.ts')
export const labels = () => import('../commands/labels.ts')
export const time = () => import('../commands/time.ts')
export const views = () => import('../commands/views.ts')
export const cloning = () => import('../commands/clone.ts')
export const health = () => import('../commands/health.ts')
export const doctor = () => import('../commands/doctor.ts')
export const snapshot = () => import('../commands/snapshot.ts')
export const agents = () => import('../commands/agents.ts')
export const workflows = () => import('../commands/workflows.ts')
export const roles = () => import('../commands/roles.ts')
export const users = () => import('../commands/users.ts')
export const teams = () => import('../commands/teams.ts')
export const access = () => import('../commands/access.ts')
export const stories = () => import('../commands/stories.ts')
export const requirements = () => import('../commands/requirements.ts')
