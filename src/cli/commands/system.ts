const { existsSync, rmSync } = process.getBuiltinModule('node:fs')

import { unlessNotFound } from '../../domain/errors.ts'
import type { Run } from '../command.ts'
import { serverUrlOf } from '../credentials.ts'
import { UsageError } from '../usage-error.ts'

// cli.md "Workspace": non-interactive and safe to repeat.
export const init: Run = async (c) => {
  const ws = c.workspace
  // Remote mode never touches a local database, -force included.
  if (c.str('url') || serverUrlOf(ws, c.env)) return (await import('./session.ts')).initRemote(c)
  const force = c.bool('force')
  if (force)
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${ws.dbPath}${suffix}`, { force: true })
  const existed = existsSync(ws.dbPath)
  const password = c.str('password')
  const local = await (await import('../connect.ts')).initLocal(ws, {
    now: c.now,
    ...(password !== undefined ? { password } : {}),
  })
  try {
    const result = local.seeded
    if (result.created || !ws.config.project) ws.saveConfig({ project: 'TK' })
    let project: string | undefined
    const prefix = c.str('prefix')
    if (prefix) {
      const svc = await local.asAdmin()
      const existing = await unlessNotFound(svc.getProject(prefix))
      const p = existing ?? (await svc.createProject({ prefix, title: c.str('title') ?? prefix }))
      ws.saveConfig({ project: p.prefix })
      project = p.prefix
    }
    const sample = c.bool('populate')
      ? await (await import('../../service/sample-data.ts')).populate(await local.asAdmin())
      : null
    // The sample project becomes current unless -prefix chose one.
    if (sample?.created && !prefix) {
      ws.saveConfig({ project: sample.project })
      project = sample.project
    }
    const skill = c.bool('skill') ? (await import('./agent-docs.ts')).installSkill(c.cwd) : null
    const data = {
      workspace: ws.home,
      database: ws.dbPath,
      created: result.created,
      admin_password: result.admin_password ?? null,
      project: project ?? ws.config.project ?? 'TK',
      ...(skill ? { skill } : {}),
      ...(sample ? { sample } : {}),
    }
    c.out.data(data, (d) => {
      const wrote = [
        ...(d.sample
          ? [
              `example data : ${d.sample.project}, ${d.sample.epics} epics, ${d.sample.tickets} tickets, ${d.sample.dependencies} dependency${d.sample.created ? '' : ' (already there)'}`,
            ]
          : []),
        ...(d.skill ? [`skill file   : ${d.skill}`] : []),
      ]
      if (!d.created && existed)
        return [
          `workspace already initialised at ${ws.home}`,
          `database     : ${d.database}`,
          `project      : ${d.project}`,
          ...wrote,
          d.skill || d.sample?.created
            ? 'nothing else changed (use -force to start over)'
            : 'nothing changed (use -force to start over)',
        ].join('\n')
      const lines = [
        `initialised workspace at ${ws.home}`,
        `database     : ${d.database}`,
        'admin user   : admin',
      ]
      if (d.admin_password)
        lines.push(`admin password: ${d.admin_password}   (shown once; keep it safe)`)
      lines.push(
        `project      : ${d.project} (current)`,
        ...wrote,
        '',
        'next: tk add "My first ticket"',
      )
      return lines.join('\n')
    })
  } finally {
    await local.close()
  }
}

export const whoami: Run = async (c) => {
  const svc = await c.service()
  const user = await svc.whoami()
  const data = {
    ...user,
    mode: c.env.TICKET_URL || c.workspace.config.server_url ? 'remote' : 'local',
    workspace: c.workspace.home,
    project: c.workspace.config.project ?? null,
  }
  c.out.data(data, (d) =>
    [
      `user     : ${d.username} (${d.role})`,
      `mode     : ${d.mode}`,
      `workspace: ${d.workspace}`,
      `project  : ${d.project ?? '-'}`,
    ].join('\n'),
  )
}

export const version: Run = async (c) => {
  c.out.data({ version: __TICKET_VERSION__ }, (d) => d.version)
}

export const help: Run = async (c) => {
  const { overview, helpFor, groupHelp, nearCommands, didYouMean } = await import('../help.ts')
  const { findCommand } = await import('../program.ts')
  if (c.args.length === 0) {
    c.out.line(overview(c.env))
    return
  }
  const found = findCommand(c.args)
  const group = c.args.length === 1 ? groupHelp(c.args[0]!) : undefined
  if (!found && group) {
    c.out.line(group)
    return
  }
  if (!found)
    throw new UsageError(
      `no such command "${c.args.join(' ')}"`,
      didYouMean(nearCommands(c.args[0]!), 'see the commands with: tk help'),
    )
  c.out.line(helpFor(found.spec))
}

/**
 * The original's `tk upgrade` checked for a newer release. Here a newer tk comes from the npm
 * registry, and the database follows on its own: opening it migrates it forward, keeping a
 * copy of the old file. This command does that now and says so.
 */
export const upgrade: Run = async (c) => {
  const how = 'to update tk itself: npm install -g ticket-cli@latest (then run tk upgrade again)'
  const url = serverUrlOf(c.workspace, c.env)
  if (url) {
    c.out.data(
      { mode: 'remote', server: url, version: __TICKET_VERSION__ },
      () =>
        `tk ${__TICKET_VERSION__}; the server at ${url} migrates its own database when it starts\n${how}`,
    )
    return
  }
  const path = c.workspace.dbPath
  if (!existsSync(path)) throw new UsageError(`no database at ${path}`, 'create one with: tk init')
  const { schemaVersionOf, SCHEMA_VERSION } = await import('../connect.ts')
  const before = schemaVersionOf(path)
  await c.service()
  const backup = `${path}.v${before}.bak`
  c.out.data(
    {
      mode: 'local',
      database: path,
      schema_before: before,
      schema: SCHEMA_VERSION,
      backup: before < SCHEMA_VERSION && existsSync(backup) ? backup : null,
      version: __TICKET_VERSION__,
    },
    (d) =>
      `${
        d.schema_before === d.schema
          ? `database ${path} is up to date (schema ${d.schema})`
          : `migrated ${path} from schema ${d.schema_before} to ${d.schema}${d.backup ? `; the old file is kept as ${d.backup}` : ''}`
      }\n${how}`,
  )
}
