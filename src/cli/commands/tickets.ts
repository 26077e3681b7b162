import { TicketError } from '../../domain/errors.ts'
import { type LifecycleInput, parseLifecycleInput } from '../../domain/lifecycle.ts'
import {
  type InputField,
  parsePriority,
  parseTicketType,
  type Ticket,
  type TicketType,
} from '../../domain/ticket.ts'
import type {
  NewTicket,
  TicketFilter,
  TicketPatch,
  TicketService,
} from '../../service/ticket-service.ts'
import type { CommandContext, Run } from '../command.ts'
import { oneLine, recordsText, ticketDetail, ticketTable } from '../render.ts'
import { stdoutStream } from '../stdout.ts'
import { UsageError } from '../usage-error.ts'

const priorityOf = (c: CommandContext) => {
  const p = c.str('priority')
  return p === undefined ? undefined : parsePriority(p)
}

/** The flags of the ticket fields `add` and `update` both take, as given (undefined where not). */
const inputFieldsOf = (c: CommandContext) =>
  ({
    title: c.str('title'),
    description: c.str('description'),
    acceptance_criteria: c.str('ac'),
    git_repository: c.str('gitRepository'),
    git_branch: c.str('gitBranch'),
    priority: priorityOf(c),
    estimate_effort: c.int('estimateEffort'),
    estimate_complete: c.str('estimateComplete'),
  }) satisfies Record<InputField, unknown>

async function create(c: CommandContext, type: TicketType) {
  const title = c.str('title') ?? c.args.join(' ')
  if (title.trim() === '')
    throw new UsageError(
      'a title is required',
      `e.g. tk ${c.spec.name} "Customers can reset their password"`,
    )
  const svc = await c.service()
  const project = c.project()
  const optional = {
    ...inputFieldsOf(c),
    parent: c.str('parent') === undefined ? currentEpic(c, project, type) : c.ref(c.str('parent')!),
    assignee: c.str('assignee'),
  } satisfies Record<Exclude<keyof NewTicket, 'project' | 'type'>, unknown>
  const ticket = await svc.createTicket({
    project,
    title,
    type,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  })
  const message = c.str('message')
  if (message) await svc.addComment(ticket.key, message)
  c.out.data(ticket, (t) => t.key)
}

// The original parents only these to the current epic; the rest stand alone unless -parent.
const UNDER_CURRENT_EPIC: readonly TicketType[] = ['task', 'bug', 'chore']

/** The current epic (`tk epic use`) as the parent of a new ticket of `type`, if it applies. */
function currentEpic(c: CommandContext, project: string, type: TicketType): string | undefined {
  const epic = c.workspace.config.current_epic
  if (!epic || !UNDER_CURRENT_EPIC.includes(type)) return undefined
  if (!epic.toUpperCase().startsWith(`${project.toUpperCase()}-`))
    throw new UsageError(
      `current epic ${epic} belongs to another project, active project is ${project}`,
      'choose an epic of this project with tk epic use KEY, or forget it with tk epic clear',
    )
  return epic
}

export const add: Run = (c) =>
  create(c, c.str('type') === undefined ? 'task' : parseTicketType(c.str('type')!))
export const addOfType =
  (type: string): Run =>
  (c) =>
    create(c, type as TicketType)

/** -stage, -state and -status, read by the same rules as every other interface's. */
const lifecycleOf = (c: CommandContext) =>
  parseLifecycleInput({ stage: c.str('stage'), state: c.str('state'), status: c.str('status') })

/** -stage/-state/-status/-type/... as a service filter (shared by list and search). */
export function filterOf(c: CommandContext, base: Partial<TicketFilter> = {}): TicketFilter {
  const f: Record<string, unknown> = { ...base }
  const type = c.str('type') ?? (c.spec.name === 'list' ? c.args[0] : undefined)
  if (type !== undefined) f.type = parseTicketType(type)
  Object.assign(f, lifecycleOf(c))
  if (c.str('user') !== undefined) f.assignee = c.str('user')
  if (c.str('label') !== undefined) f.label = c.str('label')
  if (c.str('parent') !== undefined) f.parent = c.ref(c.str('parent')!)
  const limit = c.int('limit')
  if (limit !== undefined) {
    if (limit < 0) throw new UsageError('-n must be 0 or more')
    f.limit = limit
  }
  if (c.bool('all')) f.closed = true
  if (c.bool('deleted')) f.archived = true
  if (c.str('after') !== undefined) f.after = c.ref(c.str('after')!)
  return f as TicketFilter
}

/** Rows per read of a whole list (`-n 0`), which is written page by page as it is read. */
export const LIST_PAGE = 1000

/**
 * A whole list in keyset pages (`after` the last key of the page before, decision 0019), so
 * neither the service nor the output ever holds more than one page, locally or over HTTP.
 */
async function* listPages(svc: TicketService, f: TicketFilter): AsyncGenerator<Ticket[]> {
  let after = f.after
  for (;;) {
    const page = await svc.listTickets({
      ...f,
      limit: LIST_PAGE,
      ...(after === undefined ? {} : { after }),
    })
    yield page
    if (page.length < LIST_PAGE) return
    after = page.at(-1)!.key
  }
}

export const list: Run = async (c) => {
  const svc = await c.service()
  const project = c.project()
  const filter = filterOf(c, { project })
  const showOpen = c.bool('all') || c.bool('deleted')
  const plain = (ts: readonly Ticket[]) =>
    ts.map((t) => [t.key, t.type, t.status, t.title].join('\t')).join('\n')
  if (filter.limit === 0)
    return c.out.pages(
      listPages(svc, filter),
      (ts, first) =>
        c.bool('plain') ? plain(ts) : ticketTable(c.out, ts, { showOpen, header: first }),
      c.bool('plain') ? '' : `no tickets in ${project.toUpperCase()} match`,
    )
  const tickets = await svc.listTickets(filter)
  c.out.data(tickets, (ts) =>
    c.bool('plain')
      ? plain(ts)
      : ts.length === 0
        ? `no tickets in ${project.toUpperCase()} match`
        : ticketTable(c.out, ts, { showOpen }),
  )
}

/**
 * The original's `search -title -description -priority -owner`: conditions on the matches.
 * The service has no such filters, so they narrow the best matches found (up to -n).
 */
function searchConditions(c: CommandContext): ((t: Ticket) => boolean)[] {
  const has = (text: string, part: string) => text.toLowerCase().includes(part.toLowerCase())
  const title = c.str('title')
  const description = c.str('description')
  const priority = priorityOf(c)
  const owner = c.str('owner')
  return [
    ...(title ? [(t: Ticket) => has(t.title, title)] : []),
    ...(description
      ? [(t: Ticket) => has(`${t.description}\n${t.acceptance_criteria}`, description)]
      : []),
    ...(priority !== undefined ? [(t: Ticket) => t.priority === priority] : []),
    ...(owner ? [(t: Ticket) => t.assignee === owner] : []),
  ]
}

export const search: Run = async (c) => {
  const words = c.args.join(' ')
  if (words.trim() === '')
    throw new UsageError('what should I search for?', 'e.g. tk search password reset')
  const svc = await c.service()
  const filter = filterOf(c, c.bool('allProjects') ? {} : { project: c.project() })
  const conditions = searchConditions(c)
  const kept = (ts: readonly Ticket[]) => ts.filter((t) => conditions.every((ok) => ok(t)))
  const none = `no tickets match "${words}"`
  if (filter.limit === 0) {
    // Every match, read and written a page at a time (decision 0037), as `tk ls -n 0`.
    const pages = async function* () {
      for await (const page of svc.searchTicketPages(words, filter)) yield kept(page)
    }
    return c.out.pages(pages(), (ts, first) => ticketTable(c.out, ts, { header: first }), none)
  }
  const tickets = kept(await svc.searchTickets(words, filter))
  c.out.data(tickets, (ts) => (ts.length === 0 ? none : ticketTable(c.out, ts)))
}

export const get: Run = async (c) => {
  const ref = c.ticket()
  if (c.args.length > 0)
    throw new UsageError(`unexpected argument "${c.args[0]}"`, 'tk get takes one ticket')
  const svc = await c.service()
  if (c.bool('brief')) {
    const ticket = await svc.getTicket(ref)
    return c.out.data(ticket, (t) => ticketDetail(c.out, t, c.now))
  }
  const ticket = await svc.getTicketWithRecords(ref)
  c.out.data(ticket, (t) => `${ticketDetail(c.out, t, c.now)}${recordsText(c.out, t)}`)
}

export const update: Run = async (c) => {
  const ref = c.ticket()
  const patch = {
    ...inputFieldsOf(c),
    sort_order: c.int('order'),
    ...lifecycleOf(c),
    parent: blankIsNull(c.str('parent'), c.ref),
    assignee: blankIsNull(c.str('assignee')),
  } satisfies Record<Exclude<keyof TicketPatch, keyof LifecycleInput>, unknown>
  const given = Object.fromEntries(
    Object.entries(patch).filter(([, v]) => v !== undefined),
  ) as TicketPatch
  const message = c.str('message')
  if (Object.keys(given).length === 0 && !message)
    throw new UsageError(
      'nothing to update',
      'give at least one field, e.g. -title "New title" or -p 1',
    )
  const svc = await c.service()
  let ticket: Ticket =
    Object.keys(given).length > 0 ? await svc.updateTicket(ref, given) : await svc.getTicket(ref)
  if (message) {
    await svc.addComment(ref, message)
    ticket = await svc.getTicket(ref)
  }
  c.out.data(ticket, (t) => oneLine(c.out, t))
}

/**
 * The terminal UI's edit form on one ticket, as the reference's `tk edit`; the UI ends when
 * the form closes. Field flags make it `tk update` (which `edit` used to be an alias of), so
 * scripts that wrote `tk edit KEY -title …` keep working.
 */
export const edit: Run = async (c) => {
  if (Object.entries(c.opts).some(([name, v]) => name !== 'id' && v !== undefined)) return update(c)
  const key = c.ticket()
  const [{ runTui }, { serverUrlOf }] = await Promise.all([
    import('../../tui/run.ts'),
    import('../credentials.ts'),
  ])
  const edited = await runTui({
    config: c.workspace.config,
    saveConfig: (patch) => c.workspace.saveConfig(patch),
    connect: () => import('../connect.ts').then((m) => m.connect(c.workspace, c.env)),
    theme: undefined,
    serverUrl: serverUrlOf(c.workspace, c.env),
    project: undefined,
    stdin: process.stdin,
    stdout: stdoutStream(),
    edit: {
      key,
      noTerminal: new TicketError(
        'unavailable',
        'tk edit opens a form in the terminal UI, which needs a terminal',
        {
          hint: `to change a ticket without one, give the fields: tk update ${key} -title "New title" -p 1 (tk update -h lists them)`,
        },
      ),
    },
  })
  const done = edited ?? { key, said: undefined }
  c.out.data(
    { key: done.key, saved: done.said !== undefined },
    () => done.said ?? `left ${done.key} as it was`,
  )
}

/** `""` means "none" for -parent and -assignee, as the original's `-parent_id ""`. */
const blankIsNull = (v: string | undefined, map: (s: string) => string = (s) => s) =>
  v === undefined ? undefined : v.trim() === '' ? null : map(v.trim())

export const remove: Run = async (c) => {
  const ref = c.ticket()
  const svc = await c.service()
  const t = await svc.getTicket(ref)
  await svc.deleteTicket(t.key)
  c.out.data({ status: 'deleted', key: t.key }, (d) => `deleted ticket ${d.key}`)
}
