import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { keys } from '../../api/keys.ts'
import { useMe } from '../../api/queries.ts'
import { service } from '../../api/service.ts'
import { formatMoment } from '../../components/dates.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { PasswordOnce } from './password-once.tsx'

type Shown = { readonly who: string; readonly password: string }

export function Users() {
  const qc = useQueryClient()
  const me = useMe()
  const [shown, setShown] = useState<Shown | null>(null)
  const users = useQuery({ queryKey: keys.users, queryFn: () => service.listUsers() })
  const change = useMutation({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.users }),
  })
  const show = (r: { user: { username: string }; password: string | null }) => {
    if (r.password) setShown({ who: r.user.username, password: r.password })
  }
  const create = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const form = e.currentTarget
    const f = new FormData(form)
    const password = String(f.get('password') ?? '')
    change.mutate(
      async () =>
        show(
          await service.createUser({
            username: String(f.get('username')),
            ...(password ? { password } : {}),
            role: f.get('role') === 'admin' ? 'admin' : 'user',
          }),
        ),
      { onSuccess: () => form.reset() },
    )
  }
  const reset = (username: string) => {
    if (window.confirm(`Reset the password of ${username}? Their sessions end.`))
      change.mutate(async () => show(await service.resetPassword(username)))
  }
  return (
    <>
      <h1>Users</h1>
      {shown ? <PasswordOnce {...shown} onDone={() => setShown(null)} /> : null}
      <ErrorNote error={users.error ?? change.error} />
      <table>
        <thead>
          <tr>
            <th scope="col">Username</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Last seen</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.data?.map((u) => (
            <tr key={u.username}>
              <td>{u.username}</td>
              <td>{u.role}</td>
              <td>{u.enabled ? 'enabled' : 'disabled'}</td>
              <td>{u.last_seen ? formatMoment(u.last_seen) : '—'}</td>
              <td className="row wrap">
                {u.username === me?.username ? (
                  <span className="muted">you</span>
                ) : (
                  <>
                    <button
                      type="button"
                      className="small"
                      onClick={() =>
                        change.mutate(() => service.setUserEnabled(u.username, !u.enabled))
                      }
                    >
                      {u.enabled ? 'Disable' : 'Enable'} {u.username}
                    </button>
                    <button type="button" className="small" onClick={() => reset(u.username)}>
                      Reset password of {u.username}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={create} className="card-form" aria-labelledby="new-user-h">
        <h2 id="new-user-h">New user</h2>
        <label>
          Username
          <input name="username" required autoComplete="off" />
        </label>
        <label>
          Password (generated when empty)
          <input name="password" type="password" autoComplete="new-password" />
        </label>
        <label>
          Role
          <select name="role" defaultValue="user">
            <option value="user">user</option>
            <option value="admin">admin</option>
          </select>
        </label>
        <button type="submit">Create user</button>
      </form>
    </>
  )
}
