import { invalid } from './errors.ts'
import {
  DEFAULT_STAGES,
  initialLifecycle,
  isDone,
  isFinalStage,
  isValidPair,
  type Lifecycle,
} from './lifecycle.ts'

export type WorkflowStage = {
  readonly id: number
  readonly workflow_id: number
  readonly position: number
  readonly name: string
  readonly description: string
  readonly role_id: number | null
  /** The role's name, for display. */
  readonly role: string | null
}

export type Workflow = {
  readonly id: number
  readonly name: string
  readonly description: string
  readonly stages: readonly WorkflowStage[]
  readonly created_at: string
}

/** The portable form of a workflow (the reference's export shape); roles go by name. */
export type WorkflowExport = {
  readonly name: string
  readonly description: string
  readonly stages: readonly {
    readonly stage_name: string
    readonly description: string
    readonly role: string
    readonly sort_order: number
  }[]
}

export const DEFAULT_WORKFLOW = {
  name: 'default',
  description: 'Standard engineering lifecycle',
  stages: DEFAULT_STAGES,
} as const

/**
 * Workflow names are used as references on the command line, so they are one word and never
 * a bare number (numbers mean ids).
 */
export function normaliseWorkflowName(input: string): string {
  const name = input.trim()
  if (name === '') throw invalid('workflow name is required', 'e.g. -name kanban')
  if (!/^[A-Za-z0-9][\w.-]{0,63}$/.test(name) || /^\d+$/.test(name))
    throw invalid(
      `invalid workflow name "${input}"`,
      'use one word of letters, digits, ".", "_" or "-" (not only digits), e.g. kanban',
    )
  return name
}

/**
 * Stage names appear in `stage/state`, in flags and in board lanes: lower-case, one word,
 * starting with a letter, and never a state name (that would make `tk state X` ambiguous).
 */
export function normaliseStageName(input: string): string {
  const name = input.trim().toLowerCase()
  if (!/^[a-z][a-z0-9_-]{0,31}$/.test(name))
    throw invalid(
      `invalid stage name "${input}"`,
      'use one lower-case word of letters, digits, "_" or "-", e.g. review',
    )
  if (['idle', 'active', 'success', 'fail'].includes(name))
    throw invalid(`stage name "${name}" is a state name`, 'choose another name, e.g. working')
  return name
}

/** A ticket's place in a workflow, for checking that a change of stages keeps it valid. */
export type Placed = { readonly key: string } & Lifecycle

/**
 * The tickets a new list of stages would leave invalid: their stage is gone, or their stage has
 * become the final one while they are idle or active (the final stage holds only success/fail).
 */
export function invalidatedBy(tickets: readonly Placed[], stages: readonly string[]): Placed[] {
  if (stages.length === 0) return [...tickets]
  return tickets.filter((t) => !isValidPair(t, stages))
}

/**
 * Where a ticket lands when its workflow changes: a finished ticket stays finished (the new
 * final stage, success); a ticket whose stage the new workflow also has keeps it; a ticket
 * idle or active in what is now the final stage steps back one stage, keeping its state;
 * anything else starts again at the new first stage.
 */
export function mapLifecycle(
  from: Lifecycle,
  oldStages: readonly string[],
  newStages: readonly string[],
): Lifecycle {
  const last = newStages[newStages.length - 1]!
  if (isDone(from, oldStages)) return { stage: last, state: 'success' }
  if (isValidPair(from, newStages)) return from
  if (newStages.includes(from.stage) && isFinalStage(from.stage, newStages))
    return newStages.length > 1
      ? { stage: newStages[newStages.length - 2]!, state: from.state }
      : { stage: last, state: 'success' }
  return initialLifecycle(newStages)
}

/** Checks a workflow file read from outside (`tk workflow import`) before anything is written. */
export function parseWorkflowExport(data: unknown): WorkflowExport {
  const bad = (why: string) =>
    invalid(
      `not a workflow export: ${why}`,
      'expected {"name", "description", "stages": [{"stage_name", "description", "role", "sort_order"}]}',
    )
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw bad('not an object')
  const d = data as Record<string, unknown>
  if (typeof d.name !== 'string') throw bad('"name" must be a string')
  if (d.description !== undefined && typeof d.description !== 'string')
    throw bad('"description" must be a string')
  if (!Array.isArray(d.stages)) throw bad('"stages" must be a list')
  const stages = d.stages.map((s: unknown, i) => {
    if (typeof s !== 'object' || s === null) throw bad(`stage ${i + 1} is not an object`)
    const x = s as Record<string, unknown>
    const name = x.stage_name ?? x.name
    if (typeof name !== 'string') throw bad(`stage ${i + 1} has no "stage_name"`)
    if (x.role !== undefined && x.role !== null && typeof x.role !== 'string')
      throw bad(`stage ${i + 1}: "role" must be a role name`)
    const order = x.sort_order ?? i
    if (typeof order !== 'number' || !Number.isInteger(order))
      throw bad(`stage ${i + 1}: "sort_order" must be a whole number`)
    return {
      stage_name: name,
      description: typeof x.description === 'string' ? x.description : '',
      role: typeof x.role === 'string' ? x.role : '',
      sort_order: order,
    }
  })
  return {
    name: d.name,
    description: typeof d.description === 'string' ? d.description : '',
    stages: stages.sort((a, b) => a.sort_order - b.sort_order),
  }
}
