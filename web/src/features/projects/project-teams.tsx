import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { FormEvent } from 'react'
import type { ProjectRole } from '../../../../src/domain/access.ts'
import { keys } from '../../api/keys.ts'
import { service } from '../../api/service.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { RemovableRows } from '../../components/removable-row.tsx'

/** Teams with a role on the project: every member of the team and its sub-teams gets that role. */
export function ProjectTeams({ prefix }: { prefix: string }) {
  const qc = useQueryClient()
  const key = keys.projectTeams(prefix)
  const teams = useQuery({ queryKey: key, queryFn: () => service.listProjectTeams(prefix) })
  const all = useQuery({ queryKey: keys.teams, queryFn: () => service.listTeams() })
  const change = useMutation({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  })
  const add = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const f = new FormData(e.currentTarget)
    const team = String(f.get('team') ?? '')
    const role = String(f.get('role')) as ProjectRole
    if (team) change.mutate(() => service.addProjectTeam(prefix, { team, role }))
  }
  return (
    <section aria-labelledby="pteams-h" className="card-form">
      <h2 id="pteams-h">Teams</h2>
      <ErrorNote error={teams.error ?? change.error} />
      <RemovableRows
        items={teams.data}
        none="No teams."
        name={(t) => t.team_name}
        onRemove={(t) => change.mutate(() => service.removeProjectTeam(prefix, t.team_name))}
      >
        {(t) => (
          <>
            {t.team_name} <span className="muted">{t.role}</span>
          </>
        )}
      </RemovableRows>
      <form onSubmit={add} className="row wrap">
        <label>
          Team
          <select name="team">
            {all.data?.map((t) => (
              <option key={t.id} value={t.name}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Role
          <select name="role" defaultValue="editor">
            <option value="viewer">viewer</option>
            <option value="editor">editor</option>
            <option value="owner">owner</option>
          </select>
        </label>
        <button type="submit" disabled={!all.data?.length}>
          Add team
        </button>
      </form>
    </section>
  )
}
