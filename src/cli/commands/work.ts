import { refusedClaim } from '../../domain/claim.ts'
import { TICKET_FIELDS } from '../../domain/ticket.ts'
import type { TreeNode } from '../../service/ticket-service.ts'
import type { CommandContext, Run } from '../command.ts'
import { checkFields, paint } from '../output.ts'
import { colourState, oneLine, symbol, ticketTable } from '../render.ts'
import { table } from '../table.ts'
import { UsageError } from '../usage-error.ts'

const second = (c: CommandContext, option: string, what: string, example: string) => {
  const v = c.str(option) ?? c.args.shift()
  if (v === undefined || v.trim() === '')
    throw new UsageError(`which ${what}?`, `e.g. tk ${c.spec.name} ${example}`)
  return v
}

const withComment = async (c: CommandContext, key: string) => {
  const message = c.str('message')
  if (message) await (await c.service()).addComment(key, message)
}

export const setParent: Run = async (c) => {
  const ref = c.ticket()
  const parent = c.ref(second(c, 'parent', 'parent', 'CUS-T-2 CUS-E-1'))
  const t = await (await c.service()).setParent(ref, parent)
  c.out.data(t, (x) => `${oneLine(c.out, x)}\n  parent: ${x.parent_id}`)
}

export const unsetParent: Run = async (c) => {
  const t = await (await c.service()).unsetParent(c.ticket())
  c.out.data(t, (x) => oneLine(c.out, x))
}

export const orphans: Run = async (c) => {
  const all = await (await c.service()).listOrphans(c.project())
  const n = c.int('limit') ?? 0
  const ts = n > 0 ? all.slice(0, n) : all
  c.out.data(ts, (x) => (x.length === 0 ? 'no orphans' : ticketTable(c.out, x)))
}

function drawTree(c: CommandContext, nodes: readonly TreeNode[], prefix = ''): string[] {
  return nodes.flatMap((n, i) => {
    const last = i === nodes.length - 1
    const t = n.ticket
    const line = `${prefix}${last ? '└─ ' : '├─ '}${symbol(t)} ${paint(c.out.color, 'bold', t.key)}  ${colourState(c.out, t)}  ${t.title}`
    return [line, ...drawTree(c, n.children, prefix + (last ? '   ' : '│  '))]
  })
}

export const tree: Run = async (c) => {
  const key = c.str('id') ?? c.args[0]
  const svc = await c.service()
  const nodes = await svc.tree(key ? { ticket: c.ref(key) } : { project: c.project() })
  const pruned = c.bool('all') ? nodes : prune(nodes)
  c.out.data(pruned, (ns) => (ns.length === 0 ? 'no tickets' : drawTree(c, ns).join('\n')))
}

const prune = (nodes: readonly TreeNode[]): TreeNode[] =>
  nodes.filter((n) => n.ticket.open).map((n) => ({ ...n, children: prune(n.children) }))

/**
 * The queue's project: the active one, else every project the caller may work in (an agent
 * with only its credentials has no active project, as `tk agent run` has none).
 */
function queueScope(c: CommandContext): string | undefined {
  try {
    return c.project()
  } catch (e) {
    if (e instanceof UsageError) return undefined
    throw e
  }
}

export const claim: Run = async (c) => {
  // Checked before the claim, so a typo in --fields cannot take a ticket and then fail.
  if (c.out.fields) checkFields(c.out.fields, TICKET_FIELDS)
  const raw = c.str('id') ?? c.args.shift()
  const svc = await c.service()
  const dryRun = c.bool('dryRun')
  const project = queueScope(c)
  const result = await svc.claim(
    raw
      ? { ticket: c.ref(raw), dry_run: dryRun }
      : { ...(project ? { project } : {}), dry_run: dryRun },
  )
  // A refusal is an error like any other (cli.md "Exit codes"): stderr, exit 1, with a hint.
  if (result.status === 'REJECTED')
    throw refusedClaim(result.ticket?.key ?? raw ?? '', result.reason)
  c.out.data(result, (r) => {
    if (r.status === 'NO-WORK') return `NO-WORK: ${r.reason ?? 'nothing is ready to claim'}`
    const verb = r.status === 'AVAILABLE' ? 'AVAILABLE (dry run, nothing changed)' : 'ASSIGNED'
    return `${verb}\n${oneLine(c.out, r.ticket!)}`
  })
}

export const unclaim: Run = async (c) => {
  const ref = c.ticket()
  const t = await (await c.service()).unclaim(ref)
  await withComment(c, t.key)
  c.out.data(t, (x) => oneLine(c.out, x))
}

export const next: Run = async (c) => {
  const project = queueScope(c)
  const ts = await (await c.service()).next({
    ...(project ? { project } : {}),
    limit: c.int('limit') ?? 10,
  })
  c.out.data(ts, (x) => (x.length === 0 ? 'nothing is ready to claim' : ticketTable(c.out, x)))
}

export const assign: Run = async (c) => {
  const ref = c.ticket()
  const user = second(c, 'user', 'user', 'CUS-T-1 alice')
  const t = await (await c.service()).assign(ref, user)
  await withComment(c, t.key)
  c.out.data(t, (x) => `assigned ${x.key} to ${x.assignee}`)
}

export const unassign: Run = async (c) => {
  const ref = c.ticket()
  const t = await (await c.service()).unassign(ref)
  await withComment(c, t.key)
  c.out.data(t, (x) => `unassigned ${x.key}`)
}

export const blocked: Run = async (c) => {
  const rows = await (await c.service()).listBlocked(c.project())
  c.out.data(rows, (rs) =>
    rs.length === 0
      ? 'nothing is blocked'
      : table(
          ['ID', 'STATUS', 'TITLE', 'BLOCKED BY'],
          rs.map((r) => [
            `${symbol(r.ticket)} ${r.ticket.key}`,
            colourState(c.out, r.ticket),
            r.ticket.title,
            r.blocked_by.join(', '),
          ]),
          c.out.width,
          2,
        ),
  )
}

const depPair = (c: CommandContext) => {
  const ref = c.ticket()
  const on = second(c, 'on', 'ticket it depends on', 'CUS-T-2 CUS-T-1')
  return [ref, on.split(',').map((k) => c.ref(k.trim()))] as const
}

export const depAdd: Run = async (c) => {
  const [ref, others] = depPair(c)
  const svc = await c.service()
  // The resolved key, so `tk dep add 3 4` answers with CUS-T-3 rather than what was typed.
  const key = (await svc.getTicket(ref)).key
  // Each link is its own write; finding a mistyped key first keeps `a,b,typo` from half-applying.
  for (const o of others) await svc.getTicket(o)
  let deps = await svc.listDependencies(key)
  for (const o of others) deps = await svc.addDependency(key, o)
  c.out.data(deps, (d) => `${key} depends on ${d.depends_on.map((t) => t.key).join(', ')}`)
}

export const depRemove: Run = async (c) => {
  const [ref, others] = depPair(c)
  const svc = await c.service()
  // The resolved key, so `tk dep add 3 4` answers with CUS-T-3 rather than what was typed.
  const key = (await svc.getTicket(ref)).key
  let deps = await svc.listDependencies(key)
  for (const o of others) deps = await svc.removeDependency(key, o)
  c.out.data(deps, (d) =>
    d.depends_on.length === 0
      ? `${key} has no dependencies`
      : `${key} depends on ${d.depends_on.map((t) => t.key).join(', ')}`,
  )
}

export const depList: Run = async (c) => {
  const ref = c.ticket()
  const deps = await (await c.service()).listDependencies(ref)
  c.out.data(deps, (d) => {
    const lines = [
      'Depends on:',
      ...(d.depends_on.length
        ? d.depends_on.map((t) => `  ${oneLine(c.out, t)}`)
        : ['  (nothing)']),
    ]
    lines.push(
      'Blocks:',
      ...(d.blocks.length ? d.blocks.map((t) => `  ${oneLine(c.out, t)}`) : ['  (nothing)']),
    )
    return lines.join('\n')
  })
}
