import { useQuery } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { keys } from '../../api/keys.ts'
import { useMe } from '../../api/queries.ts'
import { service } from '../../api/service.ts'
import { useChange } from '../../api/use-change.ts'
import { DataTable } from '../../components/data-table.tsx'
import { formatMoment } from '../../components/dates.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { type OncePassword, PasswordOnce } from './password-once.tsx'

export function Users() {
  const me = useMe()
  const [shown, setShown] = useState<OncePassword | null>(null)
  const users = useQuery({ queryKey: keys.users, queryFn: () => service.listUsers() })
  const change = useChange(keys.users)
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
      <PasswordOnce shown={shown} onDone={() => setShown(null)} />
      <ErrorNote error={users.error ?? change.error} />
      <DataTable columns={['Username', 'Role', 'Status', 'Last seen', 'Actions']}>
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
      </DataTable>
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
