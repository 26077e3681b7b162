import { existsSync, readFileSync } from 'node:fs'
import type { Finding, ProjectDiagnosis, TicketDiagnosis } from '../../domain/doctor.ts'
import { TicketError } from '../../domain/errors.ts'
import type { TicketService } from '../../service/ticket-service.ts'
import type { CommandContext, Run } from '../command.ts'
import { paint } from '../output.ts'
import { renderHealth } from './health.ts'

/** One line of `tk doctor`: what was checked, how it went, and what to do about it. */
export type Check = {
  readonly name: string
  readonly status: 'ok' | 'warn' | 'fail'
  readonly detail: string
  readonly hint?: string
}

const ok = (name: string, detail: string): Check => ({ name, status: 'ok', detail })
const warn = (name: string, detail: string, hint: string): Check => ({
  name,
  status: 'warn',
  detail,
  hint,
})
const fail = (name: string, detail: string, hint: string): Check => ({
  name,
  status: 'fail',
  detail,
  hint,
})

function configCheck(path: string): Check {
  if (!existsSync(path))
    return warn('config', `${path} is missing`, 'tk project use PREFIX writes it')
  try {
    JSON.parse(readFileSync(path, 'utf8'))
    return ok('config', path)
  } catch (e) {
    return fail(
      'config',
      `${path} is not valid JSON (${(e as Error).message})`,
      'fix or delete it; tk project use PREFIX rewrites it',
    )
  }
}

async function databaseChecks(svc: TicketService): Promise<Check[]> {
  let db: Awaited<ReturnType<TicketService['checkDatabase']>>
  try {
    db = await svc.checkDatabase()
  } catch (e) {
    // Someone who is not an admin still learns everything else doctor can tell them.
    if (!(e instanceof TicketError && e.code === 'forbidden')) throw e
    return [warn('database', `not checked: ${e.message}`, 'ask an admin to run tk doctor')]
  }
  const healthy = db.integrity.length === 1 && db.integrity[0] === 'ok'
  return [
    healthy
      ? ok('integrity', 'ok')
      : fail(
          'integrity',
          db.integrity.slice(0, 5).join('; '),
          'restore a backup (tk import) or copy the data out with tk export',
        ),
    db.consistency.length === 0
      ? ok('rules', 'hierarchy, links and sequences consistent')
      : fail('rules', db.consistency.join('; '), 'fix the tickets named, or restore a backup'),
    db.schema_version === db.supported_schema_version
      ? ok('schema', `version ${db.schema_version} (current)`)
      : warn(
          'schema',
          `version ${db.schema_version}; this tk knows ${db.supported_schema_version}`,
          'open it with the matching version of tk',
        ),
  ]
}

async function projectCheck(c: CommandContext, svc: TicketService): Promise<Check> {
  const current = c.workspace.config.project
  if (!current)
    return warn('project', 'no current project', 'choose one with: tk project use PREFIX')
  try {
    const p = await svc.getProject(current)
    return ok('project', `${p.prefix} — ${p.title} (${p.status})`)
  } catch (e) {
    if (e instanceof TicketError && e.code === 'not_found')
      return fail(
        'project',
        `the current project ${current} does not exist`,
        'choose another: tk project use PREFIX',
      )
    throw e
  }
}

/** Workspace, configuration, database file, integrity, schema version and current project. */
async function workspaceChecks(c: CommandContext): Promise<Check[]> {
  const ws = c.workspace
  const checks: Check[] = []
  const remote = c.env.TICKET_URL || ws.config.server_url
  checks.push(
    existsSync(ws.home)
      ? ok('workspace', ws.home)
      : fail('workspace', `${ws.home} does not exist`, 'create it with: tk init'),
  )
  checks.push(configCheck(ws.configPath))
  if (!remote && !existsSync(ws.dbPath)) {
    checks.push(fail('database', `${ws.dbPath} does not exist`, 'create it with: tk init'))
    return checks
  }
  let svc: TicketService
  try {
    svc = await c.service()
  } catch (e) {
    const msg = e instanceof TicketError ? e.message : String(e)
    checks.push(
      fail(
        'database',
        msg,
        e instanceof TicketError && e.hint ? e.hint : 'run tk init, or restore a backup',
      ),
    )
    return checks
  }
  if (remote) {
    const reached = await serverChecks(svc, remote)
    checks.push(...reached)
    if (reached.some((x) => x.status === 'fail')) return checks
  } else checks.push(ok('database', ws.dbPath))
  checks.push(...(await databaseChecks(svc)))
  checks.push(await projectCheck(c, svc))
  return checks
}

/**
 * Remote mode: whether the server answers, who the session is, and whether the server runs
 * this version of tk. Everyone may ask these; only the database checks need an admin.
 */
async function serverChecks(svc: TicketService, url: string): Promise<Check[]> {
  let s: Awaited<ReturnType<TicketService['status']>>
  try {
    s = await svc.status()
  } catch (e) {
    const msg = e instanceof TicketError ? e.message : String(e)
    return [fail('server', msg, 'check the URL (TICKET_URL or server_url) and that tk server runs')]
  }
  const checks = [ok('server', `${url} answers`)]
  checks.push(
    s.user
      ? ok('session', `signed in as ${s.user.username} (${s.user.role})`)
      : fail('session', 'not signed in', 'run tk login'),
  )
  const mine = __TICKET_VERSION__
  checks.push(
    !s.server_version || s.server_version === mine
      ? ok('version', `server ${s.server_version ?? 'unknown'}, tk ${mine}`)
      : warn(
          'version',
          `server ${s.server_version}, tk ${mine}`,
          'use the same version on both (npm install -g ticket-cli@VERSION)',
        ),
  )
  return checks
}

const MARK = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL' } as const
const COLOUR = { ok: 'green', warn: 'yellow', fail: 'red' } as const

export const doctor: Run = async (c) => {
  const checks = await workspaceChecks(c)
  const failed = checks.some((x) => x.status === 'fail')
  c.out.data({ ok: !failed, checks }, (d) =>
    [
      ...d.checks.flatMap((x) => [
        `[${paint(c.out.color, COLOUR[x.status], MARK[x.status])}] ${x.name.padEnd(10)} ${x.detail}`,
        ...(x.hint ? [`       ${' '.repeat(10)} hint: ${x.hint}`] : []),
      ]),
      '',
      d.ok ? 'no problems found' : 'problems found (see above)',
      'more: tk doctor project [PREFIX], tk doctor ticket KEY',
    ].join('\n'),
  )
  if (failed) process.exitCode = 1
}

const findingLines = (fs: readonly Finding[], indent = '  ') =>
  fs.length === 0
    ? [`${indent}No issues found.`]
    : fs.map(
        (f) =>
          `${indent}[${f.level.toUpperCase()}] ${f.message}${f.tickets ? `: ${f.tickets.slice(0, 8).join(', ')}${f.tickets.length > 8 ? ', …' : ''}` : ''}`,
      )

export function renderProject(d: ProjectDiagnosis): string {
  const lines = [`=== Project Doctor: ${d.project} — ${d.title} ===`, '']
  if (d.workflow) {
    lines.push(`Workflow: ${d.workflow.name} (${d.workflow.stages.length} stages)`)
    for (const s of d.workflow.stages) lines.push(`  ${s.name} (role: ${s.role ?? '-'})`)
  } else lines.push('Workflow: none (tickets follow the default workflow)')
  lines.push('', `Tickets: ${d.tickets} open`, '', 'Issues found:', ...findingLines(d.findings))
  return lines.join('\n')
}

export const doctorProject: Run = async (c) => {
  const svc = await c.service()
  const d = await svc.diagnoseProject(c.str('id') ?? c.args[0] ?? c.project())
  if (!c.bool('health')) {
    c.out.data(d, renderProject)
    return
  }
  const health = await svc.checkProjectHealth(d.project)
  c.out.data({ ...d, health }, (x) =>
    [
      renderProject(x),
      '',
      'Health scores (saved):',
      ...x.health.map((h) => `  ${h.ticket_key}: score ${h.score}/4`),
    ].join('\n'),
  )
}

export function renderTicket(d: TicketDiagnosis): string {
  const t = d.ticket
  return [
    `=== Ticket Doctor: ${t.key} — ${t.title} ===`,
    `Type:     ${t.type}`,
    `Status:   ${t.status}`,
    `Assignee: ${t.assignee ?? '-'}`,
    `Ready:    ${t.ready ? 'yes' : 'no'}`,
    `Priority: ${t.priority}`,
    `Project:  ${d.project}`,
    `Workflow: ${d.workflow?.name ?? '-'}`,
    `Role:     ${d.role ?? '-'}`,
    `Parents:  ${d.parents.length > 0 ? d.parents.join(' → ') : '-'}`,
    '',
    'Issues found:',
    ...findingLines(d.findings),
    '',
    renderHealth(d.health),
  ].join('\n')
}

export const doctorTicket: Run = async (c) => {
  const d = await (await c.service()).diagnoseTicket(c.ticket())
  c.out.data(d, renderTicket)
}
