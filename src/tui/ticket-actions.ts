import type { State } from '../domain/lifecycle.ts'
import { STATE_SYMBOLS } from '../domain/symbols.ts'
import type { Ticket } from '../domain/ticket.ts'
import type { User } from '../domain/user.ts'
import type { TicketService } from '../service/ticket-service.ts'
import type { Action } from './keys.ts'

const OPS = [
  'open',
  'edit',
  'edit-description',
  'comment',
  'archive',
  'start',
  'complete',
  'fail',
  'idle',
  'assign-me',
  'claim',
  'move-left',
  'move-right',
  'raise',
  'lower',
  'accept',
  'reject',
] as const satisfies readonly Action[]

/** The actions that act on the ticket under the cursor. */
export type TicketOp = (typeof OPS)[number]

export const isTicketOp = (a: Action): a is TicketOp => (OPS as readonly string[]).includes(a)

/** An undoable change: what it was, and how to take it back. */
export type UndoEntry = { readonly label: string; readonly run: () => Promise<unknown> }

const STATES: Record<'start' | 'complete' | 'fail' | 'idle', State> = {
  start: 'active',
  complete: 'success',
  fail: 'fail',
  idle: 'idle',
}

/** `◑ TK-T-4 develop/active  Title`, as the CLI confirms a change. */
export const confirmation = (t: Ticket) =>
  `${STATE_SYMBOLS[t.state]} ${t.key} ${t.status}  ${t.title}`

/**
 * Runs one ticket action through the service and returns the line to show. Every change it
 * makes pushes its inverse onto `undo` (the board's `U`, reference/ui.md §1.4): lifecycle keys,
 * assignment, claims, moves between stages, priority and archiving. The inverse is itself a
 * change through the service, so history records both.
 */
export async function runTicketAction(
  service: TicketService,
  op: Exclude<TicketOp, 'open' | 'edit' | 'edit-description' | 'comment' | 'reject'>,
  t: Ticket,
  me: User,
  undo: UndoEntry[],
): Promise<string> {
  // What the ticket was before this key, so `U` can put it back.
  const before = await service.getTicket(t.key)
  const restorable = (label: string, after: Ticket) => {
    push(undo, `${label} of ${t.key}`, () => restore(service, before, after))
    return after
  }
  switch (op) {
    case 'start':
    case 'complete':
    case 'fail':
    case 'idle':
      return confirmation(restorable(op, await service.setState(t.key, STATES[op])))
    case 'accept':
      return `accepted: ${confirmation(await service.reviewRequirement(t.key, { decision: 'accepted' }))}`
    case 'assign-me':
      return confirmation(restorable('assignment', await service.assign(t.key, me.username)))
    case 'claim': {
      const r = await service.claim({ ticket: t.key })
      if (!r.ticket) return `${r.status}: ${r.reason ?? ''}`
      if (r.ticket.status !== before.status || r.ticket.assignee !== before.assignee)
        restorable('claim', r.ticket)
      return `${r.status}: ${confirmation(r.ticket)}`
    }
    case 'archive': {
      await service.setFlag(t.key, 'archived', true)
      push(undo, `archive ${t.key}`, () => service.setFlag(t.key, 'archived', false))
      return `archived ${t.key} (U undoes)`
    }
    case 'raise':
    case 'lower': {
      const priority = before.priority + (op === 'raise' ? -1 : 1)
      if (priority < 1 || priority > 9) return `${t.key} is already at priority ${before.priority}`
      const after = await service.updateTicket(t.key, { priority })
      push(undo, `priority of ${t.key}`, () =>
        service.updateTicket(t.key, { priority: before.priority }),
      )
      return `${t.key} priority ${after.priority}`
    }
    case 'move-left':
    case 'move-right': {
      const to = before.stages[before.stages.indexOf(before.stage) + (op === 'move-left' ? -1 : 1)]
      if (to === undefined) return `${t.key} is already in ${before.stage}`
      const after = await service.setStage(t.key, to)
      push(undo, `move of ${t.key} to ${to}`, () => restore(service, before, after))
      return confirmation(after)
    }
    default:
      return op satisfies never
  }
}

/**
 * Puts back the status and assignee `before` had, where `after` changed them. An active
 * ticket needs an assignee, so the assignee comes back before the status, and goes away after.
 */
async function restore(service: TicketService, before: Ticket, after: Ticket): Promise<void> {
  const status = () =>
    after.status === before.status
      ? undefined
      : service.updateTicket(before.key, { stage: before.stage, state: before.state })
  if (after.assignee === before.assignee) await status()
  else if (before.assignee) {
    await service.assign(before.key, before.assignee)
    await status()
  } else {
    await status()
    await service.unassign(before.key)
  }
}

// The reference keeps 50 undo steps; so do we.
function push(undo: UndoEntry[], label: string, run: () => Promise<unknown>) {
  undo.push({ label, run })
  if (undo.length > 50) undo.shift()
}
