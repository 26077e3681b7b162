import { isState, parseState, type State } from '../../domain/lifecycle.ts'
import type { Ticket } from '../../domain/ticket.ts'
import { FLAG_ACTIONS, type FlagAction } from '../../domain/ticket-flags.ts'
import type { TicketService } from '../../service/ticket-service.ts'
import type { CommandContext, Run } from '../command.ts'
import { oneLine } from '../render.ts'
import { UsageError } from '../usage-error.ts'

async function finish(
  c: CommandContext,
  svc: TicketService,
  ticket: Ticket,
  note?: (t: Ticket) => string,
) {
  const message = c.str('message')
  let t = ticket
  if (message) {
    await svc.addComment(t.key, message)
    t = await svc.getTicket(t.key)
  }
  const shown = note ? { ...t, next: note(t) } : t
  c.out.data(shown, (x) => (note ? `${oneLine(c.out, x)}\n${note(x)}` : oneLine(c.out, x)))
}

/**
 * What a finished stage leads to, said in words (and as `next` in JSON): a `complete` moves
 * one stage on, so the ticket is not done yet and still belongs to its assignee.
 */
export function afterComplete(t: Ticket): string {
  if (t.state === 'success')
    return `done: ${t.key} is finished; tickets waiting for it are unblocked`
  const holder = t.assignee ? `still assigned to ${t.assignee_name ?? t.assignee}` : 'unassigned'
  return `${t.status}: ${t.key} now waits for its ${t.stage} stage (${holder}); tickets waiting for it stay blocked until it is done (tk complete ${t.key} -final finishes every stage)`
}

const DONE: Record<FlagAction, string> = {
  close: 'closed',
  open: 'reopened',
  archive: 'archived',
  unarchive: 'unarchived',
  ready: 'marked ready',
  notready: 'marked not ready',
}

async function setState(c: CommandContext, state: State) {
  const ref = c.ticket()
  if (c.args.length > 0)
    throw new UsageError(`unexpected argument "${c.args[0]}"`, `usage: tk ${c.spec.name} KEY`)
  const svc = await c.service()
  const final = state === 'success' && c.bool('final')
  const t = await svc.setState(ref, state, { force: c.bool('force'), ...(final ? { final } : {}) })
  await finish(c, svc, t, state === 'success' ? afterComplete : undefined)
}

const SHORTCUTS: Record<string, State> = {
  idle: 'idle',
  active: 'active',
  complete: 'success',
  fail: 'fail',
}

export const stateShortcut =
  (name: string): Run =>
  (c) =>
    setState(c, SHORTCUTS[name]!)

/** `tk state KEY <state|stage>`: a state word sets the state, a stage name moves the ticket. */
export const state: Run = async (c) => {
  const ref = c.ticket()
  const word = c.args.shift()
  if (word === undefined)
    throw new UsageError('which state?', `usage: tk state ${ref} <idle|active|success|fail|stage>`)
  const svc = await c.service()
  const w = word.trim().toLowerCase()
  const asState = isState(w) || ['complete', 'completed', 'failed'].includes(w)
  const t = asState
    ? await svc.setState(ref, parseState(w), { force: c.bool('force') })
    : await svc.setStage(ref, w)
  await finish(c, svc, t)
}

/** `tk stage KEY` prints the stage; `tk stage KEY develop` moves the ticket there. */
export const stage: Run = async (c) => {
  const ref = c.ticket()
  const word = c.args.shift()
  const svc = await c.service()
  if (word === undefined) {
    const t = await svc.getTicket(ref)
    c.out.data({ key: t.key, stage: t.stage, stages: t.stages }, (d) => d.stage)
    return
  }
  await finish(c, svc, await svc.setStage(ref, word))
}

export const toggle =
  (name: FlagAction): Run =>
  async (c) => {
    const ref = c.ticket()
    const { flag, value } = FLAG_ACTIONS[name]
    const svc = await c.service()
    const t = await svc.setFlag(ref, flag, value, { message: c.str('message') })
    // The status line alone does not show a flag changing, so say which one did.
    c.out.data(t, (x) => `${DONE[name]} ${oneLine(c.out, x)}`)
  }
