import { useQuery } from '@tanstack/react-query'
import { Link } from 'wouter'
import type { TeamRole } from '../../../../src/domain/team.ts'
import { keys } from '../../api/keys.ts'
import { service } from '../../api/service.ts'
import { useChange } from '../../api/use-change.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { RemovableRows } from '../../components/removable-row.tsx'
import { submitFields } from '../../components/submit-fields.ts'
import { AgentId } from './agent-id.tsx'

function TeamDetail({ name }: { name: string }) {
  const key = keys.team(name)
  const team = useQuery({ queryKey: key, queryFn: () => service.getTeam(name) })
  const change = useChange(key)
  if (!team.data) return <ErrorNote error={team.error} />
  const t = team.data
  return (
    <section aria-labelledby="team-h" className="card-form">
      <h2 id="team-h">Team {t.name}</h2>
      <p className="muted">
        {t.description || 'No description.'} {t.parent_name ? `Part of ${t.parent_name}.` : ''}
      </p>
      <h3>Members</h3>
      <RemovableRows
        items={t.members}
        none="No members."
        name={(m) => m.username}
        onRemove={(m) => change.mutate(() => service.removeTeamMember(name, m.username))}
      >
        {(m) => (
          <>
            {m.username}{' '}
            <span className="muted">
              {m.role}
              {m.job_title ? `, ${m.job_title}` : ''}
            </span>
          </>
        )}
      </RemovableRows>
      <form
        className="row wrap"
        onSubmit={submitFields(
          (field) => {
            const username = field('username')
            const role = field('role') as TeamRole
            const job_title = field('job')
            if (username)
              change.mutate(() => service.addTeamMember(name, { username, role, job_title }))
          },
          { keep: true },
        )}
      >
        <label>
          Username
          <input name="username" size={10} required />
        </label>
        <label>
          Team role
          <select name="role" defaultValue="member">
            <option value="member">member</option>
            <option value="owner">owner</option>
          </select>
        </label>
        <label>
          Job title
          <input name="job" size={10} />
        </label>
        <button type="submit">Add member</button>
      </form>
      <h3>Agents</h3>
      <RemovableRows
        items={t.agents}
        none="No agents."
        name={(a) => a.username}
        onRemove={(a) => change.mutate(() => service.removeTeamAgent(name, a.username))}
      >
        {(a) => <AgentId id={a.username} />}
      </RemovableRows>
      <form
        className="row"
        onSubmit={submitFields(
          (field) => {
            const agent = field('agent')
            if (agent) change.mutate(() => service.addTeamAgent(name, agent))
          },
          { keep: true },
        )}
      >
        <label>
          Agent
          <input name="agent" size={12} required />
        </label>
        <button type="submit">Add agent</button>
      </form>
      <h3>Projects</h3>
      <p>{t.projects.map((p) => `${p.prefix} (${p.role})`).join(', ') || 'None.'}</p>
      <ErrorNote error={change.error} />
    </section>
  )
}

/** Teams; the opened team is part of the address (`/admin/teams/core`). */
export function Teams({ name }: { name?: string }) {
  const open = name ?? null
  const teams = useQuery({ queryKey: keys.teams, queryFn: () => service.listTeams() })
  const change = useChange(keys.teams)
  return (
    <>
      <h1>Teams</h1>
      <ErrorNote error={teams.error ?? change.error} />
      <ul className="rows">
        {teams.data?.map((t) => (
          <li key={t.id}>
            <Link href={`/teams/${encodeURIComponent(t.name)}`} className="row-name">
              {t.name}
            </Link>
            {t.parent_name ? <span className="muted"> in {t.parent_name}</span> : null}
            <span className="row-actions">
              <button
                type="button"
                className="small"
                onClick={() => change.mutate(() => service.deleteTeam(t.name))}
              >
                Delete {t.name}
              </button>
            </span>
          </li>
        ))}
      </ul>
      <form
        className="row wrap"
        onSubmit={submitFields((field) => {
          const name = field('name')
          const parent = field('parent')
          if (name) change.mutate(() => service.createTeam({ name, ...(parent ? { parent } : {}) }))
        })}
      >
        <label>
          New team
          <input name="name" required />
        </label>
        <label>
          Parent team
          <select name="parent" defaultValue="">
            <option value="">none</option>
            {teams.data?.map((t) => (
              <option key={t.id} value={t.name}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Create team</button>
      </form>
      {open ? <TeamDetail key={open} name={open} /> : null}
    </>
  )
}
