import { basename } from 'node:path'
import { unlessNotFound } from '../../domain/errors.ts'
import type { Project, ProjectStatus, Visibility } from '../../domain/project.ts'
import type { ProjectPatch } from '../../service/ticket-service.ts'
import type { CommandContext, Run } from '../command.ts'
import { table } from '../table.ts'
import { UsageError } from '../usage-error.ts'

const detail = (p: Project & { role?: string }) =>
  [
    `Prefix      : ${p.prefix}`,
    `Title       : ${p.title}`,
    `Status      : ${p.status}`,
    `Visibility  : ${p.visibility}`,
    ...(p.role ? [`Your role   : ${p.role}`] : []),
    ...(p.description ? [`Description : ${p.description}`] : []),
    ...(p.acceptance_criteria ? [`Acceptance  : ${p.acceptance_criteria}`] : []),
    ...(p.git_repository ? [`Repository  : ${p.git_repository}`] : []),
    ...(p.git_branch ? [`Branch      : ${p.git_branch}`] : []),
    `Created     : ${p.created_at.slice(0, 10)} by ${p.created_by}`,
  ].join('\n')

const projectArg = (c: CommandContext) => c.str('id') ?? c.args.shift() ?? c.project()

export const create: Run = async (c) => {
  const prefix = c.str('prefix') ?? c.args[0]
  const title = c.str('title') ?? c.args.slice(1).join(' ')
  if (!prefix)
    throw new UsageError(
      'a prefix is required',
      'e.g. tk project create -prefix CUS -title "Customer Portal"',
    )
  if (!title)
    throw new UsageError(
      'a title is required',
      `e.g. tk project create -prefix ${prefix.toUpperCase()} -title "Customer Portal"`,
    )
  const optional = {
    description: c.str('description'),
    acceptance_criteria: c.str('ac'),
    git_repository: c.str('gitRepository'),
    git_branch: c.str('gitBranch'),
    visibility: c.str('visibility') as Visibility | undefined,
  }
  const p = await (await c.service()).createProject({
    prefix,
    title,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  })
  c.workspace.saveConfig({ project: p.prefix, current_epic: undefined })
  c.out.data(p, (x) => `created project ${x.prefix} — ${x.title} (now current)`)
}

export const list: Run = async (c) => {
  const ps = await (await c.service()).listProjects()
  const current = c.workspace.config.project?.toUpperCase()
  c.out.data(ps, (xs) =>
    xs.length === 0
      ? 'no projects'
      : table(
          ['', 'PREFIX', 'TITLE', 'STATUS', 'VISIBILITY', 'CREATED'],
          xs.map((p) => [
            p.prefix === current ? '*' : '',
            p.prefix,
            p.title,
            p.status,
            p.visibility,
            p.created_at.slice(0, 10),
          ]),
          c.out.width,
          2,
        ),
  )
}

export const get: Run = async (c) => {
  const p = await (await c.service()).getProject(projectArg(c))
  c.out.data(p, detail)
}

export const use: Run = async (c) => {
  const ref = c.args[0]
  const svc = await c.service()
  if (!ref) {
    const current = c.workspace.config.project
    if (!current) {
      c.out.data({ project: null }, () => 'no project set (choose one with: tk project use PREFIX)')
      return
    }
    const p = await svc.getProject(current)
    c.out.data(p, (x) => `${x.prefix} — ${x.title}`)
    return
  }
  const p = await svc.getProject(ref)
  c.workspace.saveConfig({ project: p.prefix, current_epic: undefined })
  c.out.data(p, (x) => `using project ${x.prefix}`)
}

export const update: Run = async (c) => {
  const ref = projectArg(c)
  const patch = {
    title: c.str('title'),
    description: c.str('description'),
    acceptance_criteria: c.str('ac'),
    git_repository: c.str('gitRepository'),
    git_branch: c.str('gitBranch'),
    notes: c.str('notes'),
    status: c.str('status') as ProjectStatus | undefined,
    visibility: c.str('visibility') as Visibility | undefined,
  }
  const given = Object.fromEntries(
    Object.entries(patch).filter(([, v]) => v !== undefined),
  ) as ProjectPatch
  if (Object.keys(given).length === 0)
    throw new UsageError('nothing to update', 'give a field, e.g. -title "New title"')
  const p = await (await c.service()).updateProject(ref, given)
  c.out.data(p, detail)
}

export const setStatus =
  (status: ProjectStatus): Run =>
  async (c) => {
    const p = await (await c.service()).updateProject(projectArg(c), { status })
    c.out.data(p, (x) => `project ${x.prefix} is ${x.status}`)
  }

// Deleting a project takes everything in it, so the prefix must be repeated to confirm.
export const remove: Run = async (c) => {
  const ref = c.str('id') ?? c.args.shift()
  if (!ref) throw new UsageError('which project?', 'e.g. tk project delete CUS -confirm CUS')
  const svc = await c.service()
  const p = await svc.getProject(ref)
  if (c.str('confirm')?.toUpperCase() !== p.prefix) {
    const count = (await svc.listTickets({ project: p.prefix, archived: true, limit: 0 })).length
    throw new UsageError(
      `deleting ${p.prefix} — ${p.title} removes its ${count} ticket(s) and all their records`,
      `to confirm, run: tk project delete ${p.prefix} -confirm ${p.prefix}`,
    )
  }
  await svc.deleteProject(p.prefix)
  if (c.workspace.config.project?.toUpperCase() === p.prefix)
    c.workspace.saveConfig({ project: undefined, current_epic: undefined })
  c.out.data(
    { status: 'deleted', prefix: p.prefix },
    () => `deleted project ${p.prefix} — ${p.title}`,
  )
}

export const init: Run = async (c) => {
  const dir = basename(c.cwd)
  const letters = dir.replace(/[^A-Za-z]/g, '').toUpperCase()
  const prefix = c.str('prefix') ?? (letters.length >= 2 ? letters.slice(0, 3) : 'PRJ')
  const title = c.str('title') ?? dir
  const svc = await c.service()
  const existing = await unlessNotFound(svc.getProject(prefix))
  const p =
    existing ??
    (await svc.createProject({ prefix, title, description: c.str('description') ?? '' }))
  c.workspace.saveConfig({ project: p.prefix, current_epic: undefined })
  c.out.data(
    p,
    (x) =>
      `${existing ? 'found existing' : 'created'} project ${x.prefix} (${x.title}); now current`,
  )
}
