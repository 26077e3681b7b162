/** @module The tools of `tk mcp`: the agent loop, each a thin call into TicketService. */
import * as z from 'zod'
import { refusedClaim } from '../domain/claim.ts'
import { TicketError } from '../domain/errors.ts'
import { TICKET_TYPES, type Ticket } from '../domain/ticket.ts'
import type { TicketService } from '../service/ticket-service.ts'

/** What the tools need from whoever starts the server (the CLI's composition root). */
export type ToolContext = {
  service(): Promise<TicketService>
  /** Expands a bare number with the active project; keys pass through. */
  ref(raw: string): string
  /** The active project, or a usage error saying how to choose one. */
  project(): string
  /** The active project, if there is one. */
  readonly defaultProject: string | undefined
  /** The username the service acts as. */
  me(): Promise<string>
}

type Tool = {
  readonly description: string
  readonly input: z.ZodRawShape
  run(c: ToolContext, args: Record<string, unknown>): Promise<unknown>
}

const tool = <S extends z.ZodRawShape>(
  description: string,
  input: S,
  run: (c: ToolContext, args: z.infer<z.ZodObject<S>>) => Promise<unknown>,
): Tool => ({ description, input, run: run as Tool['run'] })

// Every byte here is paid by the caller's context on each session: say only what the
// names and types do not (docs/decisions/0012-mcp-server.md).
const key = z.string().describe('e.g. CUS-T-4')
const project = z.string().optional().describe('prefix; default: active project')
const limit = z.number().int().min(1).max(100).optional()
const message = z.string().optional().describe('comment to add')

/** The wire shape without what carries nothing: null, empty strings and lists. */
export function compact<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(
      ([, v]) => v !== null && v !== '' && !(Array.isArray(v) && v.length === 0),
    ),
  ) as Partial<T>
}

/** A ticket in a list: enough to choose one; `show` has the rest. */
const brief = (t: Ticket) =>
  compact({
    key: t.key,
    type: t.type,
    title: t.title,
    status: t.status,
    priority: t.priority,
    assignee: t.assignee,
    blocked: t.blocked,
  })

/** The key of a ticket the caller holds, else the reason it may not finish or release it. */
async function held(c: ToolContext, svc: TicketService, raw: string): Promise<string> {
  const t = await svc.getTicket(c.ref(raw))
  if (t.assignee !== (await c.me()))
    throw new TicketError('conflict', `ticket ${t.key} is not held by you`, {
      hint: t.assignee ? `it is assigned to ${t.assignee}` : `claim it first: claim ${t.key}`,
    })
  return t.key
}

const scope = (p: string | undefined) => (p ? { project: p } : {})

const withComment = async (svc: TicketService, ref: string, text: string | undefined) => {
  if (text) await svc.addComment(ref, text)
}

const fail = tool('Mark a ticket you hold as failed.', { key, message }, async (c, a) => {
  const svc = await c.service()
  const ref = await held(c, svc, a.key)
  const t = await svc.setState(ref, 'fail')
  await withComment(svc, ref, a.message)
  return brief(t)
})

const complete = tool(
  'Finish your stage of a ticket you hold; it moves to the next, still yours.',
  { key, message, final: z.boolean().optional().describe('succeed through every stage to done') },
  async (c, a) => {
    const svc = await c.service()
    const ref = await held(c, svc, a.key)
    const t = await svc.setState(ref, 'success', a.final ? { final: true } : {})
    await withComment(svc, ref, a.message)
    return brief(t)
  },
)

export const TOOLS: Readonly<Record<string, Tool>> = {
  next: tool('Tickets claim would hand out, best first.', { project, limit }, async (c, a) => {
    const svc = await c.service()
    const queue = await svc.next({ ...scope(a.project ?? c.defaultProject), limit: a.limit ?? 10 })
    return queue.map(brief)
  }),
  claim: tool(
    'Take a ticket (default: the next in the queue) and start it. status: ASSIGNED, NO-WORK or REJECTED.',
    { key: key.optional(), project },
    async (c, a) => {
      const svc = await c.service()
      const r = await svc.claim(
        a.key ? { ticket: c.ref(a.key) } : scope(a.project ?? c.defaultProject),
      )
      if (r.status === 'REJECTED') throw refusedClaim(r.ticket?.key ?? a.key ?? '', r.reason)
      return { ...r, ticket: r.ticket && compact(r.ticket) }
    },
  ),
  show: tool('A ticket with its parents and comments.', { key }, async (c, a) => {
    const svc = await c.service()
    const t = await svc.getTicket(c.ref(a.key))
    const parents: ReturnType<typeof brief>[] = []
    // The hierarchy is a few levels deep (epic → task → subtask), so this is a handful of reads.
    for (let p = t.parent_id; p; ) {
      const parent = await svc.getTicket(p)
      parents.push(brief(parent))
      p = parent.parent_id
    }
    const comments = (await svc.listComments(t.key)).map((m) => ({
      author: m.author_name ?? m.author,
      at: m.created_at,
      text: m.text,
    }))
    return compact({ ticket: compact(t), parents, comments })
  }),
  comment: tool('Comment on a ticket.', { key, text: z.string() }, async (c, a) => {
    const { text: _, ...added } = await (await c.service()).addComment(c.ref(a.key), a.text)
    return added
  }),
  log_time: tool(
    'Log minutes worked on a ticket.',
    // Whole and positive is the service's rule, with its hint; the schema only says a number.
    { key, minutes: z.number(), note: z.string().optional() },
    async (c, a) =>
      compact(
        await (await c.service()).logTime({
          ticket: c.ref(a.key),
          minutes: a.minutes,
          ...(a.note ? { note: a.note } : {}),
        }),
      ),
  ),
  complete,
  fail,
  release: tool('Give a ticket you hold back to the queue.', { key, message }, async (c, a) => {
    const svc = await c.service()
    const ref = await held(c, svc, a.key)
    const t = await svc.unclaim(ref)
    await withComment(svc, ref, a.message)
    return brief(t)
  }),
  create: tool(
    'Create a ticket.',
    {
      title: z.string(),
      type: z.enum(TICKET_TYPES).optional(),
      project,
      parent: z.string().optional(),
      description: z.string().optional(),
      acceptance_criteria: z.string().optional(),
      priority: z.number().optional().describe('1 highest … 9; default 3'),
    },
    async (c, a) => {
      const { project: p, parent, ...rest } = a
      const t = await (await c.service()).createTicket({
        ...compact(rest),
        title: a.title,
        project: p ?? c.project(),
        ...(parent ? { parent: c.ref(parent) } : {}),
      })
      return brief(t)
    },
  ),
  search: tool(
    'Full-text search of tickets.',
    { query: z.string(), project, limit },
    async (c, a) => {
      const svc = await c.service()
      const found = await svc.searchTickets(a.query, {
        ...scope(a.project ?? c.defaultProject),
        limit: a.limit ?? 20,
      })
      return found.map(brief)
    },
  ),
}
