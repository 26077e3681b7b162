import { useDndContext, useDroppable } from '@dnd-kit/core'
import type { State } from '../../../../src/domain/lifecycle.ts'
import { STATES } from '../../../../src/domain/lifecycle.ts'

/** Drop ids are `stage` for a lane and `stage::state` for one of its state targets. */
export const parseDropId = (id: string): { stage: string; state?: State } => {
  const [stage, state] = id.split('::')
  return state ? { stage: stage!, state: state as State } : { stage: stage! }
}

function Target({ stage, state }: { stage: string; state: State }) {
  const { setNodeRef, isOver } = useDroppable({ id: `${stage}::${state}` })
  return (
    <li ref={setNodeRef} className={`state-target state-${state}${isOver ? ' over' : ''}`}>
      {state}
    </li>
  )
}

/** While a card is dragged, each lane offers its states too, so one drop sets stage and state. */
// domain.md "Lifecycle": the final stage admits only success or fail.
const FINAL_STATES: readonly State[] = ['success', 'fail']

export function StateTargets({ stage, final }: { stage: string; final: boolean }) {
  const { active } = useDndContext()
  if (!active) return null
  return (
    <ul className={`state-targets${final ? ' final' : ''}`} aria-hidden="true">
      {(final ? FINAL_STATES : STATES).map((s) => (
        <Target key={s} stage={stage} state={s} />
      ))}
    </ul>
  )
}
