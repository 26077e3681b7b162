import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'wouter'
import { keys } from '../../api/keys.ts'
import { service } from '../../api/service.ts'
import { formatMoment } from '../../components/dates.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { PasswordOnce } from './password-once.tsx'

type Shown = { readonly who: string; readonly password: string }

/** Agents: created with a generated password shown once; what each is working on now. */
export function Agents() {
  const qc = useQueryClient()
  const [shown, setShown] = useState<Shown | null>(null)
  const agents = useQuery({
    queryKey: keys.agents,
    queryFn: () => service.listAgents(),
  })
  const change = useMutation({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.agents }),
  })
  const create = (name: string) =>
    change.mutate(async () => {
      const r = await service.createAgent({ display_name: name })
      setShown({ who: `${name} (${r.agent.username})`, password: r.password })
    })
  return (
    <>
      <h1>Agents</h1>
      {shown ? <PasswordOnce {...shown} onDone={() => setShown(null)} /> : null}
      <ErrorNote error={agents.error ?? change.error} />
      <table>
        <thead>
          <tr>
            <th scope="col">Agent</th>
            <th scope="col">Status</th>
            <th scope="col">Working on</th>
            <th scope="col">Last seen</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {agents.data?.map((a) => (
            <tr key={a.id}>
              <td>
                {a.display_name} <code>{a.username}</code>
              </td>
              <td>{a.enabled ? a.status || 'idle' : 'disabled'}</td>
              <td>
                {a.ticket_key ? <Link href={`/t/${a.ticket_key}`}>{a.ticket_key}</Link> : '—'}
              </td>
              <td>{a.last_seen ? formatMoment(a.last_seen) : 'never'}</td>
              <td>
                <button
                  type="button"
                  className="small"
                  onClick={() =>
                    change.mutate(() => service.setUserEnabled(a.username, !a.enabled))
                  }
                >
                  {a.enabled ? 'Disable' : 'Enable'} {a.username}
                </button>
              </td>
            </tr>
          ))}
          {agents.data?.length === 0 ? (
            <tr>
              <td colSpan={5}>No agents yet.</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <form
        className="card-form"
        onSubmit={(e) => {
          e.preventDefault()
          const name = String(new FormData(e.currentTarget).get('name') ?? '').trim()
          if (name) create(name)
          e.currentTarget.reset()
        }}
      >
        <label>
          Agent name
          <input name="name" required placeholder="e.g. builder-1" />
        </label>
        <button type="submit">Create agent</button>
      </form>
    </>
  )
}
