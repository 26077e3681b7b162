import type { State } from '../domain/lifecycle.ts'
import { STATE_SYMBOLS } from '../domain/symbols.ts'
import type { Ticket } from '../domain/ticket.ts'
import type { User } from '../domain/user.ts'
import type { TicketService } from '../service/ticket-service.ts'
import type { Action } from './keys.ts'

const OPS = [
  'open',
  'edit',
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
 * Runs one ticket action through the service and returns the line to show. Moves between
 * stages, priority changes and archiving push their inverse onto `undo` (the board's `U`,
 * reference/ui.md §1.4); lifecycle changes are not undone because history records them.
 */
export async function runTicketAction(
  service: TicketService,
  op: Exclude<TicketOp, 'open' | 'edit' | 'comment' | 'reject'>,
  t: Ticket,
  me: User,
  undo: UndoEntry[],
): Promise<string> {
  switch (op) {
    case 'start':
    case 'complete':
    case 'fail':
    case 'idle':
      return confirmation(await service.setState(t.key, STATES[op]))
    case 'accept':
      return `accepted: ${confirmation(await service.reviewRequirement(t.key, { decision: 'accepted' }))}`
    case 'assign-me':
      return confirmation(await service.assign(t.key, me.username))
    case 'claim': {
      const r = await service.claim({ ticket: t.key })
      return r.ticket ? `${r.status}: ${confirmation(r.ticket)}` : `${r.status}: ${r.reason ?? ''}`
    }
    case 'archive': {
      await service.setFlag(t.key, 'archived', true)
      push(undo, `archive ${t.key}`, () => service.setFlag(t.key, 'archived', false))
      return `archived ${t.key} (U undoes)`
    }
    case 'raise':
    case 'lower': {
      t = await service.getTicket(t.key)
      const priority = t.priority + (op === 'raise' ? -1 : 1)
      if (priority < 1 || priority > 9) return `${t.key} is already at priority ${t.priority}`
      const after = await service.updateTicket(t.key, { priority })
      push(undo, `priority of ${t.key}`, () =>
        service.updateTicket(t.key, { priority: t.priority }),
      )
      return `${t.key} priority ${after.priority}`
    }
    case 'move-left':
    case 'move-right': {
      const fresh = await service.getTicket(t.key)
      const { stages } = fresh
      t = fresh
      const i = stages.indexOf(t.stage) + (op === 'move-left' ? -1 : 1)
      const to = stages[i]
      if (to === undefined) return `${t.key} is already in ${t.stage}`
      const after = await service.setStage(t.key, to)
      push(undo, `move of ${t.key} to ${to}`, async () => {
        const back = await service.setStage(t.key, t.stage)
        if (back.state !== t.state) await service.setState(t.key, t.state)
      })
      return confirmation(after)
    }
    default:
      return op satisfies never
  }
}

// The reference keeps 50 undo steps; so do we.
function push(undo: UndoEntry[], label: string, run: () => Promise<unknown>) {
  undo.push({ label, run })
  if (undo.length > 50) undo.shift()
}
