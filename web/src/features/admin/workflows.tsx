import { useQueryClient } from '@tanstack/react-query'
import type { Workflow } from '../../../../src/domain/workflow.ts'
import { keys } from '../../api/keys.ts'
import { useWorkflows } from '../../api/queries.ts'
import { service } from '../../api/service.ts'
import { useChange } from '../../api/use-change.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { submitFields } from '../../components/submit-fields.ts'
import { WorkflowExportButton, WorkflowImport } from '../workflow-files/workflow-files.tsx'
import { WorkflowStages } from './workflow-stages.tsx'

function WorkflowCard({
  reorderInCache,
  workflow: w,
  run,
}: {
  workflow: Workflow
  run: (fn: () => Promise<unknown>) => void
  reorderInCache: (id: number, names: readonly string[]) => void
}) {
  return (
    <section className="card-form" aria-labelledby={`wf-${w.id}`}>
      <h2 id={`wf-${w.id}`}>{w.name}</h2>
      {w.description ? <p className="muted">{w.description}</p> : null}
      <WorkflowStages
        stages={w.stages}
        onReorder={(names) => {
          reorderInCache(w.id, names)
          run(() => service.reorderWorkflowStages(w.name, names))
        }}
        onRemove={(name) => run(() => service.removeWorkflowStage(w.name, name))}
      />
      <form
        className="row"
        onSubmit={submitFields((field) => {
          const name = field('stage')
          if (name) run(() => service.addWorkflowStage(w.name, { name }))
        })}
      >
        <label>
          New stage
          <input name="stage" size={12} required />
        </label>
        <button type="submit">Add stage to {w.name}</button>
      </form>
      <WorkflowExportButton name={w.name} />
      <button
        type="button"
        className="danger"
        onClick={() =>
          window.confirm(`Delete workflow ${w.name}?`) && run(() => service.deleteWorkflow(w.name))
        }
      >
        Delete {w.name}
      </button>
    </section>
  )
}

export function Workflows() {
  const qc = useQueryClient()
  const workflows = useWorkflows()
  const change = useChange(keys.workflows, { refetchOnError: true })
  const run = (fn: () => Promise<unknown>) => change.mutate(fn)
  // The dropped order shows at once; the server's answer (refetched on settle) confirms it.
  const reorderInCache = (id: number, names: readonly string[]) =>
    qc.setQueryData<Workflow[]>(['workflows'], (ws) =>
      ws?.map((w) =>
        w.id === id
          ? { ...w, stages: names.flatMap((n) => w.stages.filter((s) => s.name === n)) }
          : w,
      ),
    )
  return (
    <>
      <h1>Workflows</h1>
      <ErrorNote error={workflows.error ?? change.error} />
      {workflows.data?.map((w) => (
        <WorkflowCard key={w.id} workflow={w} run={run} reorderInCache={reorderInCache} />
      ))}
      <form
        className="card-form"
        onSubmit={submitFields((field) => {
          const name = field('name')
          const stages = field('stages')
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
            .map((s) => ({ name: s }))
          if (name) run(() => service.createWorkflow({ name, stages }))
        })}
      >
        <h2>New workflow</h2>
        <label>
          Name
          <input name="name" required />
        </label>
        <label>
          Stages, in order, separated by commas
          <input name="stages" placeholder="e.g. triage, build, verify, done" />
        </label>
        <button type="submit">Create workflow</button>
      </form>
      <WorkflowImport />
    </>
  )
}
