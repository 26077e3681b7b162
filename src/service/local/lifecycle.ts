import { conflict } from '../../domain/errors.ts'
import {
  applyStage,
  applyState,
  deriveParentLifecycle,
  isDone,
  type Lifecycle,
  type LifecycleChange,
  parseStage,
  parseState,
  type Stage,
  type State,
  type StateWord,
} from '../../domain/lifecycle.ts'
import type { Ticket } from '../../domain/ticket.ts'
import {
  ancestorIds,
  findTicketRowById,
  leafLifecycles,
  type TicketRow,
  unfinishedDependencies,
  updateTicketRow,
} from '../../store/tickets.ts'
import { ticketFor } from './access.ts'
import { at, type Ctx, mutate, record, stamp, type Tx } from './context.ts'
import { assertLifecycleChangeable } from './guards.ts'
import { settleHoldInTx } from './hold.ts'
import { loadTicket } from './read.ts'
import { stagesOf } from './resolve.ts'

/** Writes each lifecycle step of a leaf to the row and to history, then re-derives its ancestors. */
export async function moveTicket(tx: Tx, t: TicketRow, steps: readonly LifecycleChange[]) {
  const last = steps[steps.length - 1]
  if (!last) return
  await updateTicketRow(tx.db, t.id, {
    stage: last.to.stage,
    state: last.to.state,
    updated_at: stamp(tx.ctx),
    // A lease covers active work only: whoever ends it ends the lease (docs/agents.md "Leases").
    ...(last.to.state === 'active' ? {} : { lease_expires_at: null }),
  })
  for (const s of steps) await recordMove(tx, t, s)
  tx.touched.add(t.id)
  await recomputeAncestors(tx, t.id)
}

/** Records one step of `t`'s lifecycle in history: a stage and a state event, where each changed. */
export async function recordMove(tx: Tx, t: TicketRow, s: LifecycleChange, reason?: string) {
  const why = reason === undefined ? {} : { reason }
  if (s.from.stage !== s.to.stage)
    await record(tx.db, tx.ctx, {
      ...at(t),
      event_type: 'ticket_stage_changed',
      payload: { old: s.from.stage, new: s.to.stage, ...why },
    })
  if (s.from.state !== s.to.state)
    await record(tx.db, tx.ctx, {
      ...at(t),
      event_type: 'ticket_state_changed',
      payload: { old: s.from.state, new: s.to.state, stage: s.to.stage, ...why },
    })
}

/** domain.md "Derived lifecycle of a parent", recomputed up the whole chain. */
export async function recomputeAncestors(tx: Tx, id: number): Promise<void> {
  for (const ancestorId of await ancestorIds(tx.db, id)) {
    const a = await findTicketRowById(tx.db, ancestorId)
    if (!a) continue
    const derived = deriveParentLifecycle(
      await leafLifecycles(tx.db, a.id),
      await stagesOf(tx.db, a),
    )
    if (!derived || (derived.stage === a.stage && derived.state === a.state)) continue
    await updateTicketRow(tx.db, a.id, {
      stage: derived.stage,
      state: derived.state,
      updated_at: stamp(tx.ctx),
    })
    if (derived.stage !== a.stage)
      await record(tx.db, tx.ctx, {
        ...at(a),
        event_type: 'ticket_parent_stage_changed',
        payload: { old: a.stage, new: derived.stage },
      })
    if (derived.state !== a.state)
      await record(tx.db, tx.ctx, {
        ...at(a),
        event_type: 'ticket_parent_state_changed',
        payload: { old: a.state, new: derived.state },
      })
    tx.touched.add(a.id)
  }
}

export async function assignInTx(tx: Tx, t: TicketRow, username: string | null) {
  await updateTicketRow(tx.db, t.id, { assignee: username, updated_at: stamp(tx.ctx) })
  await record(tx.db, tx.ctx, {
    ...at(t),
    event_type: username === null ? 'ticket_unassigned' : 'ticket_assigned',
    payload: { old: t.assignee, new: username },
  })
  tx.touched.add(t.id)
}

/** Every step from `current` through the remaining stages to the final one, succeeded. */
function throughFinal(current: Lifecycle, stages: readonly Stage[]): LifecycleChange[] {
  const steps: LifecycleChange[] = []
  let at = current
  while (!isDone(at, stages)) {
    const more = applyState(at, 'success', stages)
    steps.push(...more)
    at = more[more.length - 1]!.to
  }
  return steps
}

/**
 * The state change behind `idle`, `active`, `complete`, `fail` and `state`; with `final`,
 * success through every remaining stage (`tk complete -final`), each step in history.
 */
export async function setStateInTx(
  tx: Tx,
  row: TicketRow,
  state: State,
  force = false,
  final = false,
): Promise<void> {
  await assertLifecycleChangeable(tx.db, row)
  const t = await settleHoldInTx(tx, row)
  const stages = await stagesOf(tx.db, t)
  const from = { stage: t.stage, state: t.state }
  const steps =
    final && state === 'success' ? throughFinal(from, stages) : applyState(from, state, stages)
  if (state === 'success') {
    const blockers = await unfinishedDependencies(tx.db, t.id)
    if (blockers.length > 0 && !force)
      throw conflict(
        `ticket ${t.key} has unfinished dependencies: ${blockers.join(', ')}`,
        'finish them first, or pass -force to complete it anyway',
      )
    if (blockers.length > 0)
      await record(tx.db, tx.ctx, {
        ...at(t),
        event_type: 'dependency_override',
        payload: { blockers },
      })
  }
  // domain.md: active needs an assignee, and takes the current user when there is none.
  if (state === 'active' && t.assignee === null) await assignInTx(tx, t, tx.ctx.actor.username)
  if (steps.length === 0 || (t.state === state && steps.length === 1)) return
  await moveTicket(tx, t, steps)
}

export async function setState(
  ctx: Ctx,
  ref: string,
  word: StateWord,
  options: { force?: boolean; final?: boolean } = {},
): Promise<Ticket> {
  const state = parseState(word)
  const id = await mutate(ctx, async (tx) => {
    const t = await ticketFor(tx.db, ctx, ref, 'write')
    await setStateInTx(tx, t, state, options.force ?? false, options.final ?? false)
    return t.id
  })
  return loadTicket(ctx, id)
}

export async function setStageInTx(tx: Tx, row: TicketRow, stageInput: string) {
  await assertLifecycleChangeable(tx.db, row)
  const t = await settleHoldInTx(tx, row)
  const stages = await stagesOf(tx.db, t)
  const to = applyStage(parseStage(stageInput, stages), stages)
  if (to.stage === t.stage && to.state === t.state) return
  await moveTicket(tx, t, [{ from: { stage: t.stage, state: t.state }, to }])
}

export async function setStage(ctx: Ctx, ref: string, stage: string): Promise<Ticket> {
  const id = await mutate(ctx, async (tx) => {
    const t = await ticketFor(tx.db, ctx, ref, 'write')
    await setStageInTx(tx, t, stage)
    return t.id
  })
  return loadTicket(ctx, id)
}
