import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { User } from '../../../../src/domain/user.ts'
import { keys } from '../../api/keys.ts'
import { request } from '../../api/request.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { Unavailable } from './unavailable.tsx'

type Created = { readonly agent: User; readonly password: string }

/** api.md "Agents": the generated password is shown once, right after creation, and never again. */
export function Agents() {
  const qc = useQueryClient()
  const [created, setCreated] = useState<Created | null>(null)
  const agents = useQuery({
    queryKey: keys.agents,
    queryFn: () => request<User[]>('GET', '/api/agents'),
  })
  const create = useMutation({
    mutationFn: (name: string) => request<Created>('POST', '/api/agents', name ? { name } : {}),
    onSuccess: (c) => {
      setCreated(c)
      void qc.invalidateQueries({ queryKey: keys.agents })
    },
  })
  const toggle = useMutation({
    mutationFn: (a: User) =>
      request(
        'POST',
        `/api/agents/${encodeURIComponent(a.id)}/${a.enabled ? 'disable' : 'enable'}`,
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.agents }),
  })
  if (agents.isError) return <Unavailable title="Agents" error={agents.error} />
  return (
    <>
      <h1>Agents</h1>
      {created ? (
        <div className="once" role="alert">
          <p>
            Agent <strong>{created.agent.username}</strong> created. Its password is shown only now:
          </p>
          <p>
            <code data-testid="agent-password">{created.password}</code>
          </p>
          <button type="button" onClick={() => setCreated(null)}>
            I have stored it
          </button>
        </div>
      ) : null}
      <table>
        <thead>
          <tr>
            <th scope="col">Agent</th>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col">Last seen</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {agents.data?.map((a) => (
            <tr key={a.id}>
              <td>
                <code>{a.username}</code>
              </td>
              <td>{a.display_name}</td>
              <td>{a.enabled ? a.status || 'idle' : 'disabled'}</td>
              <td>{a.last_seen ? new Date(a.last_seen).toLocaleString() : 'never'}</td>
              <td>
                <button type="button" className="small" onClick={() => toggle.mutate(a)}>
                  {a.enabled ? 'Disable' : 'Enable'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="card-form"
        onSubmit={(e) => {
          e.preventDefault()
          create.mutate(String(new FormData(e.currentTarget).get('name') ?? '').trim())
        }}
      >
        <label>
          Name
          <input name="name" placeholder="optional" />
        </label>
        <button type="submit">Create agent</button>
      </form>
      <ErrorNote error={create.error ?? toggle.error} />
    </>
  )
}
