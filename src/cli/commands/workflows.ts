import { writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { TicketError } from '../../domain/errors.ts'
import type { Workflow, WorkflowExport } from '../../domain/workflow.ts'
import type { WorkflowChange, WorkflowTarget } from '../../service/organisation-service.ts'
import type { CommandContext, Run } from '../command.ts'
import { table } from '../table.ts'
import { UsageError } from '../usage-error.ts'
import { given, required, subject } from './subject.ts'

const workflowRef = (c: CommandContext) => subject(c, 'id', 'workflow', 'kanban (or -id 3)')

export function workflowDetail(w: Workflow, width: number): string {
  const lines = [
    `ID          : ${w.id}`,
    `Name        : ${w.name}`,
    `Description : ${w.description || '-'}`,
    'Stages      :',
  ]
  if (w.stages.length === 0) lines.push('  (none: add one with tk workflow add-stage)')
  else
    lines.push(
      table(
        ['ORDER', 'ID', 'STAGE', 'ROLE', 'DESCRIPTION'],
        w.stages.map((s) => [
          String(s.position),
          String(s.id),
          s.name,
          s.role ?? '-',
          s.description,
        ]),
        width - 2,
        4,
      )
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n'),
    )
  return lines.join('\n')
}

export const list: Run = async (c) => {
  const ws = await (await c.service()).listWorkflows()
  c.out.data(ws, (xs) =>
    table(
      ['ID', 'NAME', 'STAGES', 'DESCRIPTION'],
      xs.map((w) => [String(w.id), w.name, w.stages.map((s) => s.name).join(' → '), w.description]),
      c.out.width,
      3,
    ),
  )
}

export const get: Run = async (c) => {
  const w = await (await c.service()).getWorkflow(workflowRef(c))
  c.out.data(w, (x) => workflowDetail(x, c.out.width))
}

export const create: Run = async (c) => {
  const name = required(c, 'name', 'kanban -stages todo,doing,done')
  const stages = c.str('stages')
  const w = await (await c.service()).createWorkflow({
    name,
    ...given({ description: c.str('description') }),
    ...(stages
      ? {
          stages: stages
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
            .map((s) => ({ name: s })),
        }
      : {}),
  })
  c.out.data(w, (x) => `created workflow ${x.name} (id ${x.id})\n${workflowDetail(x, c.out.width)}`)
}

export const remove: Run = async (c) => {
  const ref = workflowRef(c)
  await (await c.service()).deleteWorkflow(ref)
  c.out.data({ status: 'deleted', workflow: ref }, () => `deleted workflow ${ref}`)
}

export const addStage: Run = async (c) => {
  const ref = workflowRef(c)
  const name = required(c, 'name', `${ref} -name review -role Reviewer`)
  const w = await (await c.service()).addWorkflowStage(ref, {
    name,
    ...given({ description: c.str('description'), role: c.str('role'), position: c.int('order') }),
  })
  c.out.data(
    w,
    (x) => `added stage ${name.toLowerCase()} to ${x.name}\n${workflowDetail(x, c.out.width)}`,
  )
}

export const removeStage: Run = async (c) => {
  const ref = workflowRef(c)
  const stage = required(c, 'stage', `${ref} -stage review`)
  const w = await (await c.service()).removeWorkflowStage(ref, stage)
  c.out.data(w, (x) => `removed stage ${stage} from ${x.name}\n${workflowDetail(x, c.out.width)}`)
}

export const reorderStages: Run = async (c) => {
  const ref = workflowRef(c)
  const order = [...(c.str('stages')?.split(',') ?? []), ...c.args.flatMap((a) => a.split(','))]
    .map((s) => s.trim())
    .filter(Boolean)
  if (order.length === 0)
    throw new UsageError(
      'give the stages in their new order',
      `e.g. tk workflow reorder-stages ${ref} design,build,done`,
    )
  const w = await (await c.service()).reorderWorkflowStages(ref, order)
  c.out.data(w, (x) => `stages reordered\n${workflowDetail(x, c.out.width)}`)
}

/** The workflow named, else the active project's (the default workflow when it has none). */
async function workflowOrProjects(c: CommandContext): Promise<string> {
  const named = c.str('id') ?? c.args.shift()
  if (named?.trim()) return named.trim()
  const p = await (await c.service()).getProject(c.project())
  return p.workflow_id === null ? 'default' : String(p.workflow_id)
}

export const exportWorkflow: Run = async (c) => {
  const data = await (await c.service()).exportWorkflow(await workflowOrProjects(c))
  const file = c.str('output')
  const text = `${JSON.stringify(data, null, 2)}\n`
  if (!file) {
    // The export is JSON whichever way it is asked for.
    c.out.line(text)
    return
  }
  writeFileSync(file, text)
  c.out.data(
    { status: 'exported', workflow: data.name, file },
    (d) => `exported workflow ${d.workflow} to ${d.file}`,
  )
}

export const importWorkflow: Run = async (c) => {
  const file = subject(c, 'input', 'file', '-i kanban.json')
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new TicketError('not_found', `cannot read ${file}: ${e.code ?? e.message}`, {
      hint: 'give the path of a file written by tk workflow export',
    })
  })
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new TicketError('invalid', `${file} is not JSON`, {
      hint: 'give the path of a file written by tk workflow export',
    })
  }
  const w = await (await c.service()).importWorkflow(
    // The service checks the shape; the file is only known to be JSON here.
    data as WorkflowExport,
    given({ name: c.str('name') }),
  )
  c.out.data(
    w,
    (x) => `imported workflow ${x.name} (id ${x.id})\n${workflowDetail(x, c.out.width)}`,
  )
}

function targetOf(c: CommandContext): WorkflowTarget {
  const ticket = c.str('ticket')
  return ticket ? { ticket: c.ref(ticket) } : { project: c.project() }
}

function changeText(ch: WorkflowChange): string {
  const what = ch.target.kind === 'ticket' ? `ticket ${ch.target.ref}` : `project ${ch.target.ref}`
  const head = ch.workflow
    ? `set workflow ${ch.workflow.name} on ${what}`
    : `cleared the workflow of ${what} (${ch.target.kind === 'ticket' ? "now its project's" : 'now the default'})`
  const lines = [head, `stages: ${ch.stages.join(' → ')}`]
  if (ch.moved.length > 0) {
    lines.push(`moved ${ch.moved.length} ticket(s):`)
    for (const m of ch.moved)
      lines.push(`  ${m.key}  ${m.from.stage}/${m.from.state} → ${m.to.stage}/${m.to.state}`)
  }
  return lines.join('\n')
}

export const set: Run = async (c) => {
  const ref = subject(c, 'id', 'workflow', 'kanban -ticket CUS-T-4 (or -project CUS)')
  const change = await (await c.service()).setWorkflow(targetOf(c), ref)
  c.out.data(change, changeText)
}

export const unset: Run = async (c) => {
  const change = await (await c.service()).unsetWorkflow(targetOf(c))
  c.out.data(change, changeText)
}
