import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'wouter'
import { keys } from '../../api/keys.ts'
import { service } from '../../api/service.ts'
import { useChange } from '../../api/use-change.ts'
import { DataTable } from '../../components/data-table.tsx'
import { formatMoment } from '../../components/dates.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { submitFields } from '../../components/submit-fields.ts'
import { AgentEditor } from '../agents/agent-editor.tsx'
import { AgentId } from './agent-id.tsx'
import { type OncePassword, PasswordOnce } from './password-once.tsx'

/** Agents: created with a generated password shown once; what each is working on now. */
export function Agents() {
  const [shown, setShown] = useState<OncePassword | null>(null)
  const [editing, setEditing] = useState<string | null>(null)
  const agents = useQuery({
    queryKey: keys.agents,
    queryFn: () => service.listAgents(),
  })
  const edited = agents.data?.find((a) => a.id === editing)
  const change = useChange(keys.agents)
  const create = (name: string) =>
    change.mutate(async () => {
      const r = await service.createAgent({ display_name: name })
      setShown({ who: name, id: r.agent.username, password: r.password })
    })
  return (
    <>
      <h1>Agents</h1>
      <PasswordOnce shown={shown} onDone={() => setShown(null)} />
      {edited ? <AgentEditor agent={edited} onClose={() => setEditing(null)} /> : null}
      <ErrorNote error={agents.error ?? change.error} />
      <DataTable
        columns={['Agent', 'Status', 'Working on', 'Last seen', 'Actions']}
        empty={agents.data?.length === 0 ? 'No agents yet.' : null}
      >
        {agents.data?.map((a) => (
          <tr key={a.id}>
            <td>
              {a.display_name} <AgentId id={a.username} />
              {a.description ? <p className="muted">{a.description}</p> : null}
            </td>
            <td>{a.enabled ? a.status || 'idle' : 'disabled'}</td>
            <td>{a.ticket_key ? <Link href={`/t/${a.ticket_key}`}>{a.ticket_key}</Link> : '—'}</td>
            <td>{a.last_seen ? formatMoment(a.last_seen) : 'never'}</td>
            <td>
              <button
                type="button"
                className="small"
                onClick={() => change.mutate(() => service.setUserEnabled(a.username, !a.enabled))}
              >
                {a.enabled ? 'Disable' : 'Enable'} {a.display_name || a.username}
              </button>{' '}
              <button type="button" className="small" onClick={() => setEditing(a.id)}>
                Edit {a.display_name || a.username}
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
      <form
        className="card-form"
        onSubmit={submitFields((field) => {
          const name = field('name')
          if (name) create(name)
        })}
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
