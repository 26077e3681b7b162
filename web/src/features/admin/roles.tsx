import { useQuery } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import type { Role } from '../../../../src/domain/role.ts'
import { keys } from '../../api/keys.ts'
import { service } from '../../api/service.ts'
import { useChange } from '../../api/use-change.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { Markdown } from '../../components/markdown.tsx'

/** Roles name who works a workflow stage; motivation and goals are Markdown for prompts and people. */
export function Roles() {
  const [editing, setEditing] = useState<Role | null>(null)
  const roles = useQuery({ queryKey: keys.roles, queryFn: () => service.listRoles() })
  const change = useChange(keys.roles, { onSuccess: () => setEditing(null) })
  const save = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const form = e.currentTarget
    const f = new FormData(form)
    const input = {
      name: String(f.get('name')).trim(),
      title: String(f.get('title') ?? ''),
      motivation: String(f.get('motivation') ?? ''),
      goals: String(f.get('goals') ?? ''),
    }
    change.mutate(() =>
      editing ? service.updateRole(String(editing.id), input) : service.createRole(input),
    )
    form.reset()
  }
  return (
    <>
      <h1>Roles</h1>
      <ErrorNote error={roles.error ?? change.error} />
      <ul className="roles rows">
        {roles.data?.map((r) => (
          <li key={r.id}>
            <strong>{r.name}</strong> {r.title && r.title !== r.name ? `(${r.title})` : ''}
            <span className="row-actions">
              <button type="button" className="small" onClick={() => setEditing(r)}>
                Edit {r.name}
              </button>
              <button
                type="button"
                className="small"
                onClick={() =>
                  window.confirm(`Delete role ${r.name}?`) &&
                  change.mutate(() => service.deleteRole(String(r.id)))
                }
              >
                Delete {r.name}
              </button>
            </span>
            <details>
              <summary>Motivation and goals</summary>
              <Markdown source={r.motivation} empty="No motivation." />
              <Markdown source={r.goals} empty="No goals." />
            </details>
          </li>
        ))}
      </ul>
      <form
        onSubmit={save}
        className="card-form"
        key={editing?.id ?? 'new'}
        aria-labelledby="role-h"
      >
        <h2 id="role-h">{editing ? `Edit ${editing.name}` : 'New role'}</h2>
        <label>
          Name
          <input name="name" required defaultValue={editing?.name ?? ''} />
        </label>
        <label>
          Title
          <input name="title" defaultValue={editing?.title ?? ''} />
        </label>
        <label>
          Motivation (Markdown)
          <textarea name="motivation" rows={3} defaultValue={editing?.motivation ?? ''} />
        </label>
        <label>
          Goals (Markdown)
          <textarea name="goals" rows={3} defaultValue={editing?.goals ?? ''} />
        </label>
        <div className="row">
          <button type="submit">{editing ? 'Save role' : 'Create role'}</button>
          {editing ? (
            <button type="button" onClick={() => setEditing(null)}>
              Cancel
            </button>
          ) : null}
        </div>
      </form>
    </>
  )
}
