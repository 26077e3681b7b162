import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core'
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import type { WorkflowStage } from '../../../../src/domain/workflow.ts'

function Stage(props: { stage: WorkflowStage; onRemove: () => void }) {
  const { attributes, listeners, setNodeRef, transform, transition } = useSortable({
    id: props.stage.name,
  })
  return (
    <li
      ref={setNodeRef}
      className="stage"
      style={{ transform: CSS.Transform.toString(transform), transition }}
      data-stage-name={props.stage.name}
    >
      <button
        type="button"
        className="handle"
        aria-label={`Move stage ${props.stage.name}`}
        {...attributes}
        {...listeners}
      >
        ⠿
      </button>
      <span>
        {props.stage.name}
        {props.stage.role ? <span className="muted"> · {props.stage.role}</span> : null}
      </span>
      <button type="button" className="small" onClick={props.onRemove}>
        Remove {props.stage.name}
      </button>
    </li>
  )
}

/** A workflow's stages in order; drag (or Space and arrow keys on the handle) to reorder. */
export function WorkflowStages(props: {
  stages: readonly WorkflowStage[]
  onReorder: (names: string[]) => void
  onRemove: (name: string) => void
}) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  )
  const names = props.stages.map((s) => s.name)
  const onDragEnd = (e: DragEndEvent) => {
    if (!e.over || e.active.id === e.over.id) return
    const from = names.indexOf(String(e.active.id))
    const to = names.indexOf(String(e.over.id))
    props.onReorder(arrayMove(names, from, to))
  }
  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      <SortableContext items={names} strategy={verticalListSortingStrategy}>
        <ol className="stages">
          {props.stages.map((s) => (
            <Stage key={s.name} stage={s} onRemove={() => props.onRemove(s.name)} />
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  )
}
