import { useMutation, useQueryClient } from '@tanstack/react-query'
import { keys } from '../../api/keys.ts'
import { useWorkflows } from '../../api/queries.ts'
import { service } from '../../api/service.ts'
import { ErrorNote } from '../../components/error-note.tsx'

/** The project's workflow: its stages are the board's lanes. Changing it moves tickets as needed. */
export function ProjectWorkflow({ prefix, current }: { prefix: string; current: number | null }) {
  const qc = useQueryClient()
  const workflows = useWorkflows()
  const change = useMutation({
    mutationFn: (name: string) =>
      name
        ? service.setWorkflow({ project: prefix }, name)
        : service.unsetWorkflow({ project: prefix }),
    onSuccess: async (c) => {
      await qc.invalidateQueries({ queryKey: keys.project(prefix) })
      await qc.invalidateQueries({ queryKey: keys.tickets(prefix) })
      await qc.invalidateQueries({ queryKey: keys.board(prefix) })
      return c
    },
  })
  const value = workflows.data?.find((w) => w.id === current)?.name ?? ''
  return (
    <section aria-labelledby="wf-h" className="card-form">
      <h2 id="wf-h">Workflow</h2>
      <label>
        Workflow
        <select
          value={value}
          onChange={(e) => change.mutate(e.target.value)}
          disabled={change.isPending}
        >
          <option value="">none (the default workflow)</option>
          {workflows.data?.map((w) => (
            <option key={w.id} value={w.name}>
              {w.name}: {w.stages.map((s) => s.name).join(' → ')}
            </option>
          ))}
        </select>
      </label>
      {change.data?.moved.length ? (
        <p role="status">Moved {change.data.moved.length} tickets into the new stages.</p>
      ) : null}
      <ErrorNote error={change.error} />
    </section>
  )
}
