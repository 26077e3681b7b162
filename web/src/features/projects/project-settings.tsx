import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { FormEvent } from 'react'
import { useLocation } from 'wouter'
import { keys } from '../../api/keys.ts'
import { canManage, useProject, useProjectRole } from '../../api/queries.ts'
import { service } from '../../api/service.ts'
import type { ProjectPatch } from '../../api/types.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { Members } from './members.tsx'
import { ProjectTeams } from './project-teams.tsx'
import { ProjectWorkflow } from './project-workflow.tsx'

export default function ProjectSettings({ prefix }: { prefix: string }) {
  const project = useProject(prefix)
  const role = useProjectRole(prefix)
  const qc = useQueryClient()
  const [, navigate] = useLocation()
  const owner = canManage(role)
  const update = useMutation({
    mutationFn: (patch: ProjectPatch) => service.updateProject(prefix, patch),
    onSuccess: async (p) => {
      qc.setQueryData(keys.project(prefix), p)
      await qc.invalidateQueries({ queryKey: keys.projects })
    },
  })
  const remove = useMutation({
    mutationFn: () => service.deleteProject(prefix),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: keys.projects })
      navigate('/')
    },
  })
  if (project.isPending) return <p aria-live="polite">Loading…</p>
  if (project.isError) return <ErrorNote error={project.error} />
  const p = project.data

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const f = new FormData(e.currentTarget)
    update.mutate({
      title: String(f.get('title')),
      description: String(f.get('description') ?? ''),
      acceptance_criteria: String(f.get('acceptance_criteria') ?? ''),
      git_repository: String(f.get('git_repository') ?? '').trim(),
      git_branch: String(f.get('git_branch') ?? '').trim(),
      visibility: f.get('visibility') === 'private' ? 'private' : 'public',
    })
  }

  return (
    <section className="page">
      <h1>{p.prefix} settings</h1>
      <form onSubmit={submit} className="card-form" aria-label="Project details">
        <fieldset disabled={!owner}>
          <label>
            Title
            <input name="title" defaultValue={p.title} required />
          </label>
          <label>
            Description
            <textarea name="description" defaultValue={p.description} rows={3} />
          </label>
          <label>
            Definition of ready / acceptance criteria
            <textarea name="acceptance_criteria" defaultValue={p.acceptance_criteria} rows={3} />
          </label>
          <label>
            Git repository
            <input
              name="git_repository"
              defaultValue={p.git_repository}
              placeholder="e.g. https://github.com/org/repo.git"
            />
          </label>
          <label>
            Git branch
            <input name="git_branch" defaultValue={p.git_branch} placeholder="e.g. main" />
          </label>
          <label>
            Visibility
            <select name="visibility" defaultValue={p.visibility}>
              <option value="public">public</option>
              <option value="private">private</option>
            </select>
          </label>
          <button type="submit">Save</button>
        </fieldset>
        {update.isSuccess ? <p role="status">Saved.</p> : null}
        <ErrorNote error={update.error} />
      </form>
      <Members prefix={prefix} editable={owner} />
      {owner ? <ProjectTeams prefix={prefix} /> : null}
      {owner ? <ProjectWorkflow prefix={prefix} current={p.workflow_id} /> : null}
      {owner ? (
        <section aria-labelledby="danger-h" className="card-form">
          <h2 id="danger-h">Close or delete</h2>
          <p>
            Status: <strong>{p.status}</strong>
          </p>
          <div className="row">
            <button
              type="button"
              onClick={() => update.mutate({ status: p.status === 'open' ? 'closed' : 'open' })}
            >
              {p.status === 'open' ? 'Close project' : 'Reopen project'}
            </button>
            <button
              type="button"
              className="danger"
              onClick={() =>
                window.confirm(`Delete ${p.prefix} and all its tickets?`) && remove.mutate()
              }
            >
              Delete project
            </button>
          </div>
          <ErrorNote error={remove.error} />
        </section>
      ) : null}
    </section>
  )
}
