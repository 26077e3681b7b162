import { Box, Text } from 'ink'
import { useState } from 'react'
import { plural } from '../../domain/format.ts'
import { terminalSafe } from '../../domain/terminal-text.ts'
import type { Workflow, WorkflowStage } from '../../domain/workflow.ts'
import { useScreen, useTui } from '../context.ts'
import { moveCursor } from '../cursor.ts'
import { useAsync } from '../hooks/use-async.ts'
import { useScroll } from '../hooks/use-scroll.ts'
import { arrayRows, useSelection } from '../hooks/use-selection.ts'

/** One line of the view: a workflow, or one of the stages of an open one. */
export type WorkflowRow =
  | { readonly kind: 'workflow'; readonly workflow: Workflow }
  | { readonly kind: 'stage'; readonly workflow: Workflow; readonly stage: WorkflowStage }

const rowId = (r: WorkflowRow) =>
  r.kind === 'workflow' ? `workflow:${r.workflow.id}` : `stage:${r.stage.id}`

/** The workflows by name, each followed by its stages when it is open. */
export function workflowRows(workflows: readonly Workflow[], open: ReadonlySet<number>) {
  return workflows.flatMap((w): WorkflowRow[] => [
    { kind: 'workflow', workflow: w },
    ...(open.has(w.id)
      ? w.stages.map((stage) => ({ kind: 'stage' as const, workflow: w, stage }))
      : []),
  ])
}

/**
 * `stages` as names with the one at `from` moved `delta` places; undefined at either end.
 * Reordering sends every stage's name in its new place (OrganisationService).
 */
export function movedStage(
  stages: readonly WorkflowStage[],
  from: number,
  delta: number,
): string[] | undefined {
  const to = from + delta
  if (from < 0 || to < 0 || to >= stages.length) return undefined
  const names = stages.map((s) => s.name)
  const [moved] = names.splice(from, 1)
  names.splice(to, 0, moved!)
  return names
}

/** What the Workflows view asks of the app: a line to type, a yes or no, a change to run. */
export type WorkflowsActions = {
  ask(label: string, submit: (value: string) => void): void
  confirm(question: string, yes: () => void): void
  /** Runs a change; its text goes to the status row, a refusal too, and the views reload. */
  perform(op: () => Promise<string>): void
}

/**
 * The workflows (reference/ui.md §3.2 "Workflows"): ▸/▾ opens one to show its numbered
 * stages; `n` adds a stage, `x` removes one, Shift+↑/↓ (`K`/`J`) reorders; `N` creates a
 * workflow and `D` deletes the one under the cursor. Changing workflows is for admins; the
 * service's refusal says so to anyone else.
 */
export function WorkflowsView(
  props: {
    width: number
    height: number
    active: boolean
    cursor: number
    selected: string | undefined
    setCursor: (row: number, id?: string) => void
  } & WorkflowsActions,
) {
  const { service, theme, generation } = useTui()
  const loaded = useAsync(() => service.listWorkflows(), [generation])
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set())
  const rows = workflowRows(loaded.data ?? [], open)
  const page = Math.max(1, props.height - 1)
  const live = useSelection(
    arrayRows(rows, rowId),
    { id: props.selected, row: props.cursor },
    props.setCursor,
    rowId,
  )
  const cursor = live.get()
  const top = useScroll(cursor, page)

  const toggle = (w: Workflow) => {
    const next = new Set(open)
    if (!next.delete(w.id)) next.add(w.id)
    setOpen(next)
  }
  const addStage = (w: Workflow) =>
    props.ask(`new stage in ${w.name}`, (name) => {
      if (!name.trim()) return
      setOpen(new Set(open).add(w.id))
      props.perform(async () => {
        const after = await service.addWorkflowStage(String(w.id), { name: name.trim() })
        return `added stage ${name.trim().toLowerCase()} to ${after.name}`
      })
    })
  const addWorkflow = () =>
    props.ask('new workflow (name, then stages: kanban todo,doing,done)', (line) => {
      const [name = '', ...rest] = line.trim().split(/\s+/)
      if (!name) return
      const stages = rest
        .join(' ')
        .split(/[,\s]+/)
        .filter(Boolean)
        .map((s) => ({ name: s }))
      props.perform(async () => {
        const w = await service.createWorkflow({ name, ...(stages.length ? { stages } : {}) })
        setOpen(new Set(open).add(w.id))
        return `created workflow ${w.name} with ${plural(w.stages.length, 'stage')}`
      })
    })
  const reorder = (r: WorkflowRow, delta: number) => {
    if (r.kind !== 'stage') return
    // The cursor is on the stage, not the row: it follows the stage wherever it lands.
    live.selected()
    // Read afresh, so two quick presses move the stage two places.
    props.perform(async () => {
      const w = await service.getWorkflow(String(r.workflow.id))
      const from = w.stages.findIndex((s) => s.id === r.stage.id)
      const order = movedStage(w.stages, from, delta)
      if (!order) return `${r.stage.name} is already ${delta < 0 ? 'first' : 'last'}`
      await service.reorderWorkflowStages(String(w.id), order)
      return `stages of ${w.name}: ${order.join(' → ')}`
    })
  }

  useScreen(
    {
      handle(action) {
        const r = rows[live.get()]
        switch (action) {
          case 'open':
          case 'select':
            if (r) toggle(r.workflow)
            return true
          case 'new':
            if (r) addStage(r.workflow)
            else addWorkflow()
            return true
          case 'new-workflow':
            addWorkflow()
            return true
          case 'remove':
            if (r?.kind === 'stage')
              props.perform(async () => {
                await service.removeWorkflowStage(String(r.workflow.id), r.stage.name)
                return `removed stage ${r.stage.name} from ${r.workflow.name}`
              })
            else if (r) remove(r.workflow)
            return true
          case 'archive':
            if (r) remove(r.workflow)
            return true
          case 'raise':
            if (r) reorder(r, -1)
            return true
          case 'lower':
            if (r) reorder(r, 1)
            return true
        }
        const to = moveCursor(action, live.get(), rows.length, page)
        if (to === undefined) return false
        live.set(to)
        return true
      },
      ready: () => loaded.data !== undefined || loaded.error !== undefined,
      mouse(e) {
        if (e.kind !== 'click') return e.kind === 'wheel-up' ? 'up' : 'down'
        const i = top + e.y - 1
        if (e.y < 1 || i >= rows.length) return undefined
        if (i === live.get()) return 'select'
        live.set(i)
        return undefined
      },
    },
    props.active,
  )
  function remove(w: Workflow) {
    props.confirm(`delete workflow ${w.name}?`, () =>
      props.perform(async () => {
        await service.deleteWorkflow(String(w.id))
        return `deleted workflow ${w.name}`
      }),
    )
  }

  return (
    <Box flexDirection="column" width={props.width} height={props.height}>
      <Text color={theme.header} bold wrap="truncate">
        {`Workflows · ${loaded.data ? loaded.data.length : '…'}`}
      </Text>
      {loaded.error !== undefined && <Text color="red">{terminalSafe(String(loaded.error))}</Text>}
      {rows.slice(top, top + page).map((r, i) => {
        const selected = top + i === cursor
        const paint = selected
          ? { backgroundColor: theme.selectionBg, color: theme.selectionFg }
          : { color: theme.fg }
        return (
          <Text key={rowId(r)} wrap="truncate" {...paint}>
            {r.kind === 'workflow'
              ? workflowLine(r.workflow, open.has(r.workflow.id))
              : stageLine(r)}
          </Text>
        )
      })}
    </Box>
  )
}

const workflowLine = (w: Workflow, open: boolean) =>
  terminalSafe(
    `${open ? '▾' : '▸'} ${w.name} (${plural(w.stages.length, 'stage')})${w.description ? `  ${w.description}` : ''}`,
  )

function stageLine(r: WorkflowRow & { kind: 'stage' }) {
  const n = r.workflow.stages.findIndex((s) => s.id === r.stage.id) + 1
  const role = r.stage.role ? `  role: ${r.stage.role}` : ''
  const about = r.stage.description ? `  ${r.stage.description}` : ''
  return terminalSafe(`    ${n}. ${r.stage.name}${role}${about}`)
}
