import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { FormEvent } from 'react'
import type { ProjectRole } from '../../../../src/domain/access.ts'
import { keys } from '../../api/keys.ts'
import { useMembers } from '../../api/queries.ts'
import { service } from '../../api/service.ts'
import { ErrorNote } from '../../components/error-note.tsx'

const ROLES: Record<ProjectRole, string> = {
  viewer: 'viewer (read)',
  editor: 'editor (read and write tickets)',
  owner: 'owner (manage the project)',
}

export function Members({ prefix, editable }: { prefix: string; editable: boolean }) {
  if (!editable)
    return (
      <section aria-labelledby="members-h" className="card-form">
        <h2 id="members-h">Members</h2>
        <p className="muted">Only the project's owners see and change its members.</p>
      </section>
    )
  return <MemberTable prefix={prefix} editable={editable} />
}

function MemberTable({ prefix, editable }: { prefix: string; editable: boolean }) {
  const members = useMembers(prefix, editable)
  const qc = useQueryClient()
  const change = useMutation({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.members(prefix) }),
  })
  const add = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const f = new FormData(e.currentTarget)
    const who = String(f.get('username') ?? '').trim()
    if (who)
      change.mutate(() =>
        service.addProjectMember(prefix, {
          username: who,
          role: String(f.get('role')) as ProjectRole,
        }),
      )
    e.currentTarget.reset()
  }
  return (
    <section aria-labelledby="members-h" className="card-form">
      <h2 id="members-h">Members</h2>
      <ErrorNote error={members.error} />
      <table>
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Role</th>
            {editable ? <th scope="col">Remove</th> : null}
          </tr>
        </thead>
        <tbody>
          {members.data?.map((m) => (
            <tr key={m.username}>
              <td>{m.username}</td>
              <td>
                {editable ? (
                  <select
                    aria-label={`Role of ${m.username}`}
                    value={m.role}
                    onChange={(e) =>
                      change.mutate(() =>
                        service.addProjectMember(prefix, {
                          username: m.username,
                          role: e.target.value as ProjectRole,
                        }),
                      )
                    }
                  >
                    {Object.entries(ROLES).map(([r, label]) => (
                      <option key={r} value={r}>
                        {label}
                      </option>
                    ))}
                  </select>
                ) : (
                  m.role
                )}
              </td>
              {editable ? (
                <td>
                  <button
                    type="button"
                    className="small"
                    onClick={() =>
                      change.mutate(() => service.removeProjectMember(prefix, m.username))
                    }
                  >
                    Remove {m.username}
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {editable ? (
        <form onSubmit={add} className="row wrap">
          <label>
            Username
            <input name="username" size={12} required />
          </label>
          <label>
            Role of the new member
            <select name="role" defaultValue="editor">
              {Object.entries(ROLES).map(([r, label]) => (
                <option key={r} value={r}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Add member</button>
        </form>
      ) : null}
      <ErrorNote error={change.error} />
    </section>
  )
}
