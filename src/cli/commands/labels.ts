import { notFound } from '../../domain/errors.ts'
import type { Label } from '../../domain/label.ts'
import type { Ticket } from '../../domain/ticket.ts'
import type { TicketService } from '../../service/ticket-service.ts'
import type { CommandContext, Run } from '../command.ts'
import { paint } from '../output.ts'
import { table } from '../table.ts'
import { UsageError } from '../usage-error.ts'

const labelTable = (c: CommandContext, ls: readonly Label[]) =>
  table(
    ['ID', 'NAME', 'COLOR', 'TICKETS'],
    ls.map((l) => [
      String(l.id),
      paint(c.out.color, 'bold', l.name),
      l.color || '-',
      String(l.tickets),
    ]),
    c.out.width,
    1,
  )

/** The label argument: `-label`/`-name`, else the next positional; commas separate several. */
function labelArgs(c: CommandContext, example: string): string[] {
  const raw = c.str('label') ?? c.str('name') ?? c.args.shift()
  const names = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  if (names.length === 0) throw new UsageError('which label?', `e.g. tk ${c.spec.name} ${example}`)
  return names
}

export const create: Run = async (c) => {
  const name = c.str('name') ?? c.args.join(' ')
  if (name.trim() === '')
    throw new UsageError('the label needs a name', 'e.g. tk label create urgent -color red')
  const color = c.str('color')
  const label = await (await c.service()).createLabel({
    project: c.project(),
    name,
    ...(color !== undefined ? { color } : {}),
  })
  c.out.data(label, (l) => `label created: ${l.id} ${l.name}${l.color ? ` (${l.color})` : ''}`)
}

export const update: Run = async (c) => {
  const raw = c.str('id') ?? c.args.join(' ')
  if (raw.trim() === '')
    throw new UsageError('which label?', 'e.g. tk label update urgent -color orange')
  const patch = {
    ...(c.str('name') !== undefined ? { name: c.str('name')! } : {}),
    ...(c.str('color') !== undefined ? { color: c.str('color')! } : {}),
  }
  if (Object.keys(patch).length === 0)
    throw new UsageError('nothing to change', `e.g. tk label update ${raw} -name NEW -color red`)
  const label = await (await c.service()).updateLabel(c.project(), raw, patch)
  c.out.data(label, (l) => `label updated: ${l.id} ${l.name}${l.color ? ` (${l.color})` : ''}`)
}

export const list: Run = async (c) => {
  const labels = await (await c.service()).listLabels(c.project())
  c.out.data(labels, (ls) => (ls.length === 0 ? 'no labels' : labelTable(c, ls)))
}

export const show: Run = async (c) => {
  const labels = await (await c.service()).ticketLabels(c.ticket())
  c.out.data(labels, (ls) => (ls.length === 0 ? 'no labels' : labelTable(c, ls)))
}

/** Applies `change` for each label named; the ticket as the last change left it. */
async function eachLabel(
  c: CommandContext,
  change: (svc: TicketService, ref: string, label: string) => Promise<Ticket>,
): Promise<Ticket> {
  const ref = c.ticket()
  const names = labelArgs(c, `${ref} urgent`)
  const svc = await c.service()
  // Each label is its own write; an unknown name is found before any of them is made.
  const project = (await svc.getTicket(ref)).project_prefix
  const known = await svc.listLabels(project)
  const unknown = names.find(
    (n) => !known.some((l) => l.name.toLowerCase() === n.toLowerCase() || String(l.id) === n),
  )
  if (unknown !== undefined)
    throw notFound(
      `label "${unknown}" not found in project ${project}`,
      `see the labels with tk label ls, or create it: tk label create "${unknown}"`,
    )
  let ticket: Ticket | undefined
  for (const name of names) ticket = await change(svc, ref, name)
  return ticket!
}

export const add: Run = async (c) => {
  const ticket = await eachLabel(c, (svc, ref, label) => svc.addLabel(ref, label))
  c.out.data(ticket, (t) => `${t.key} labels: ${t.labels.join(', ')}`)
}

export const remove: Run = async (c) => {
  const ticket = await eachLabel(c, (svc, ref, label) => svc.removeLabel(ref, label))
  c.out.data(ticket, (t) =>
    t.labels.length === 0 ? `${t.key} has no labels` : `${t.key} labels: ${t.labels.join(', ')}`,
  )
}

export const del: Run = async (c) => {
  const raw = c.str('id') ?? c.str('name') ?? c.args.join(' ')
  if (raw.trim() === '')
    throw new UsageError('which label?', 'e.g. tk label delete urgent (name or id)')
  const project = c.project()
  await (await c.service()).deleteLabel(project, raw, { force: c.bool('force') })
  c.out.data({ status: 'deleted', label: raw.trim() }, (d) => `deleted label ${d.label}`)
}
