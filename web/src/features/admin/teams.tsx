import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import type { TeamRole } from '../../../../src/domain/team.ts'
import { service } from '../../api/service.ts'
import { ErrorNote } from '../../components/error-note.tsx'

const field = (e: FormEvent<HTMLFormElement>, name: string) =>
  String(new FormData(e.currentTarget).get(name) ?? '').trim()

function TeamDetail({ name }: { name: string }) {
  const qc = useQueryClient()
  const key = ['team', name]
  const team = useQuery({ queryKey: key, queryFn: () => service.getTeam(name) })
  const change = useMutation({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  })
  if (!team.data) return <ErrorNote error={team.error} />
  const t = team.data
  return (
    <section aria-labelledby="team-h" className="card-form">
      <h2 id="team-h">{t.name}</h2>
      <p className="muted">
        {t.description || 'No description.'} {t.parent_name ? `Part of ${t.parent_name}.` : ''}
      </p>
      <h3>Members</h3>
      <ul>
        {t.members.map((m) => (
          <li key={m.username}>
            {m.username} ({m.role}
            {m.job_title ? `, ${m.job_title}` : ''})
            <button
              type="button"
              className="small"
              onClick={() => change.mutate(() => service.removeTeamMember(name, m.username))}
            >
              Remove {m.username}
            </button>
          </li>
        ))}
      </ul>
      <form
        className="row wrap"
        onSubmit={(e) => {
          e.preventDefault()
          const username = field(e, 'username')
          const role = field(e, 'role') as TeamRole
          const job_title = field(e, 'job')
          if (username)
            change.mutate(() => service.addTeamMember(name, { username, role, job_title }))
        }}
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
      <ul>
        {t.agents.map((a) => (
          <li key={a.username}>
            {a.username}
            <button
              type="button"
              className="small"
              onClick={() => change.mutate(() => service.removeTeamAgent(name, a.username))}
            >
              Remove {a.username}
            </button>
          </li>
        ))}
      </ul>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault()
          const agent = field(e, 'agent')
          if (agent) change.mutate(() => service.addTeamAgent(name, agent))
        }}
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

export function Teams() {
  const qc = useQueryClient()
  const [open, setOpen] = useState<string | null>(null)
  const teams = useQuery({ queryKey: ['teams'], queryFn: () => service.listTeams() })
  const change = useMutation({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['teams'] }),
  })
  return (
    <>
      <h1>Teams</h1>
      <ErrorNote error={teams.error ?? change.error} />
      <ul>
        {teams.data?.map((t) => (
          <li key={t.id}>
            <button type="button" className="link" onClick={() => setOpen(t.name)}>
              {t.name}
            </button>
            {t.parent_name ? <span className="muted"> in {t.parent_name}</span> : null}
            <button
              type="button"
              className="small"
              onClick={() => change.mutate(() => service.deleteTeam(t.name))}
            >
              Delete {t.name}
            </button>
          </li>
        ))}
      </ul>
      <form
        className="row wrap"
        onSubmit={(e) => {
          e.preventDefault()
          const name = field(e, 'name')
          const parent = field(e, 'parent')
          if (name) change.mutate(() => service.createTeam({ name, ...(parent ? { parent } : {}) }))
          e.currentTarget.reset()
        }}
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
