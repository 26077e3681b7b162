import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Link, useLocation } from 'wouter'
import { keys } from '../../api/keys.ts'
import { useProjects } from '../../api/queries.ts'
import { service } from '../../api/service.ts'
import type { NewProject } from '../../api/types.ts'
import { ErrorNote } from '../../components/error-note.tsx'

export function ProjectsPage() {
  const projects = useProjects()
  const [, navigate] = useLocation()
  const qc = useQueryClient()
  const [showClosed, setShowClosed] = useState(false)
  const create = useMutation({
    mutationFn: (p: NewProject) => service.createProject(p),
    onSuccess: async (p) => {
      await qc.invalidateQueries({ queryKey: keys.projects })
      navigate(`/p/${p.prefix}/board`)
    },
  })

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const f = new FormData(e.currentTarget)
    create.mutate({
      prefix: String(f.get('prefix')),
      title: String(f.get('title')),
      description: String(f.get('description') ?? ''),
      visibility: f.get('visibility') === 'private' ? 'private' : 'public',
    })
  }

  const list = projects.data?.filter((p) => showClosed || p.status === 'open') ?? []
  return (
    <section className="page">
      <h1>Projects</h1>
      <ErrorNote error={projects.error} />
      <label className="inline">
        <input
          type="checkbox"
          checked={showClosed}
          onChange={(e) => setShowClosed(e.target.checked)}
        />
        Show closed projects
      </label>
      <ul className="projects">
        {list.map((p) => (
          <li key={p.prefix}>
            <Link href={`/p/${p.prefix}/board`}>
              <strong>{p.prefix}</strong> {p.title}
            </Link>
            <span className="muted">
              {' '}
              · {p.visibility}
              {p.status === 'closed' ? ' · closed' : ''}
            </span>
            {p.description ? <p className="muted">{p.description}</p> : null}
          </li>
        ))}
        {projects.isSuccess && list.length === 0 ? <li>No projects yet.</li> : null}
      </ul>
      <form onSubmit={submit} className="card-form" aria-labelledby="new-project">
        <h2 id="new-project">New project</h2>
        <label>
          Prefix
          <input
            name="prefix"
            required
            pattern="[A-Za-z]{2,5}"
            title="2 to 5 letters"
            maxLength={5}
          />
        </label>
        <label>
          Title
          <input name="title" required />
        </label>
        <label>
          Description
          <textarea name="description" rows={2} />
        </label>
        <label>
          Visibility
          <select name="visibility" defaultValue="public">
            <option value="public">public: every signed-in user can read</option>
            <option value="private">private: members only</option>
          </select>
        </label>
        <button type="submit" disabled={create.isPending}>
          Create project
        </button>
        <ErrorNote error={create.error} />
      </form>
    </section>
  )
}
