import { conflict, invalid } from './errors.ts'

export const DEFAULT_STAGES = ['design', 'develop', 'test', 'done'] as const
export const STATES = ['idle', 'active', 'success', 'fail'] as const
export type State = (typeof STATES)[number]
/** A stage name from the ticket's workflow (`design`, `develop`, … in the default one). */
export type Stage = string

export const isState = (s: string): s is State => (STATES as readonly string[]).includes(s)

export type Lifecycle = { readonly stage: Stage; readonly state: State }
export type LifecycleChange = { readonly from: Lifecycle; readonly to: Lifecycle }

export const finalStage = (stages: readonly Stage[]): Stage => stages[stages.length - 1]!
export const isFinalStage = (stage: Stage, stages: readonly Stage[]) => stage === finalStage(stages)
export const isDone = (l: Lifecycle, stages: readonly Stage[]) =>
  isFinalStage(l.stage, stages) && l.state === 'success'

/** The lifecycle a new ticket starts with: the workflow's first stage, idle. */
export const initialLifecycle = (stages: readonly Stage[]): Lifecycle => ({
  stage: stages[0]!,
  state: stages.length === 1 ? 'success' : 'idle',
})

/** domain.md "Lifecycle": the other words for a state that every interface accepts. */
const STATE_ALIASES = {
  complete: 'success',
  completed: 'success',
  done: 'success',
  failed: 'fail',
} as const satisfies Record<string, State>
/** A state as a request may name it: its own name or one of domain.md's aliases. */
export type StateWord = State | keyof typeof STATE_ALIASES
export const STATE_WORDS: readonly StateWord[] = [
  ...STATES,
  ...(Object.keys(STATE_ALIASES) as (keyof typeof STATE_ALIASES)[]),
]

export function parseState(input: string): State {
  const s = input.trim().toLowerCase()
  if (Object.hasOwn(STATE_ALIASES, s)) return STATE_ALIASES[s as keyof typeof STATE_ALIASES]
  if (isState(s)) return s
  throw invalid(`invalid state "${input}"`, `use one of: ${STATES.join(', ')}`)
}

export function parseStage(input: string, stages: readonly Stage[]): Stage {
  const s = input.trim().toLowerCase()
  if (stages.includes(s)) return s
  throw invalid(`invalid stage "${input}"`, `this workflow's stages are: ${stages.join(', ')}`)
}

/** Parses `stage/state` (e.g. `develop/active`); the stage is checked when `stages` are given. */
export function parseStatus(input: string, stages?: readonly Stage[]): Lifecycle {
  const [stage, state, extra] = input.split('/')
  if (!stage?.trim() || !state?.trim() || extra !== undefined)
    throw invalid(`invalid status "${input}"`, 'write status as stage/state, e.g. develop/active')
  return {
    stage: stages ? parseStage(stage, stages) : stage.trim().toLowerCase(),
    state: parseState(state),
  }
}

/** A stage and state as a request names them: apart, or together as `status` (`stage/state`). */
export type LifecycleInput = {
  readonly stage?: string | undefined
  readonly state?: string | undefined
  readonly status?: string | undefined
}

/**
 * The stage and state that `stage`, `state` and `status` ask for together. The parts of a
 * status must agree with a stage or state also given: a request that says two things is refused
 * rather than one of them silently winning. The stage is checked against the ticket's workflow
 * later, by whoever knows the ticket.
 */
export function parseLifecycleInput(input: LifecycleInput): {
  stage?: Stage
  state?: State
} {
  const stage = input.stage === undefined ? undefined : input.stage.trim().toLowerCase()
  if (stage === '') throw invalid('stage is empty', `give a stage, e.g. ${DEFAULT_STAGES[1]}`)
  const state = input.state === undefined ? undefined : parseState(input.state)
  if (input.status === undefined)
    return { ...(stage !== undefined && { stage }), ...(state !== undefined && { state }) }
  const status = parseStatus(input.status)
  if (stage !== undefined && stage !== status.stage) throw disagree('stage', input.status)
  if (state !== undefined && state !== status.state) throw disagree('state', input.status)
  return { ...status }
}

const disagree = (field: 'stage' | 'state', status: string) =>
  invalid(
    `${field} and status "${status}" disagree`,
    `give the ${field} once: in status (stage/state) or on its own`,
  )

export function isValidPair(l: Lifecycle, stages: readonly Stage[]): boolean {
  if (!stages.includes(l.stage)) return false
  return !isFinalStage(l.stage, stages) || l.state === 'success' || l.state === 'fail'
}

/**
 * domain.md "Lifecycle": success in a non-final stage moves to the next stage at idle
 * (arriving as success when that stage is final); success in the final stage is terminal.
 * Returns every step taken, so history can record each one.
 */
export function applyState(
  current: Lifecycle,
  state: State,
  stages: readonly Stage[],
): LifecycleChange[] {
  if (isDone(current, stages))
    throw conflict(
      'ticket is done; its state can no longer change',
      `move it back to an earlier stage to reopen it, e.g. tk stage KEY ${stages[stages.length - 2] ?? stages[0]}`,
    )
  if (isFinalStage(current.stage, stages) && (state === 'idle' || state === 'active'))
    throw invalid(
      `state ${state} is not valid in the final stage "${current.stage}"`,
      'the final stage accepts only success or fail',
    )
  const to: Lifecycle = { stage: current.stage, state }
  if (state !== 'success' || isFinalStage(current.stage, stages)) return [{ from: current, to }]
  const next = stages[stages.indexOf(current.stage) + 1]!
  const advanced: Lifecycle = {
    stage: next,
    state: isFinalStage(next, stages) ? 'success' : 'idle',
  }
  return [
    { from: current, to },
    { from: to, to: advanced },
  ]
}

/** domain.md: setting a stage directly resets the state to idle (success when the stage is final). */
export function applyStage(stage: Stage, stages: readonly Stage[]): Lifecycle {
  if (!stages.includes(stage))
    throw invalid(`invalid stage "${stage}"`, `this workflow's stages are: ${stages.join(', ')}`)
  return { stage, state: isFinalStage(stage, stages) ? 'success' : 'idle' }
}

/**
 * domain.md "Derived lifecycle of a parent": stage = the earliest stage among its leaf
 * descendants; state = success if all succeeded, else active if any is active, else fail
 * if any failed, else idle. Returns undefined when there are no leaves to derive from.
 */
export function deriveParentLifecycle(
  leaves: readonly Lifecycle[],
  stages: readonly Stage[],
): Lifecycle | undefined {
  if (leaves.length === 0) return undefined
  const rank = (s: Stage) => {
    const i = stages.indexOf(s)
    return i < 0 ? stages.length : i
  }
  let earliest = leaves[0]!.stage
  for (const l of leaves) if (rank(l.stage) < rank(earliest)) earliest = l.stage
  const stage = stages.includes(earliest) ? earliest : stages[0]!
  const has = (s: State) => leaves.some((l) => l.state === s)
  let state: State
  if (leaves.every((l) => l.state === 'success')) state = 'success'
  else if (has('active')) state = 'active'
  else if (has('fail')) state = 'fail'
  else state = 'idle'
  // The final stage admits only success/fail; a lagging idle there is still "not yet succeeded".
  if (isFinalStage(stage, stages) && (state === 'idle' || state === 'active')) state = 'fail'
  return { stage, state }
}
