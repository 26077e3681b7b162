import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { FormEvent } from 'react'
import { keys } from '../../api/keys.ts'
import { service } from '../../api/service.ts'
import { ErrorNote } from '../../components/error-note.tsx'

export function Users() {
  const qc = useQueryClient()
  const users = useQuery({ queryKey: keys.users, queryFn: () => service.listUsers() })
  const change = useMutation({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.users }),
  })
  const create = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const form = e.currentTarget
    const f = new FormData(form)
    change.mutate(
      () =>
        service.createUser({
          username: String(f.get('username')),
          password: String(f.get('password')),
          role: f.get('role') === 'admin' ? 'admin' : 'user',
        }),
      { onSuccess: () => form.reset() },
    )
  }
  const reset = (username: string) => {
    const password = window.prompt(`New password for ${username}`)
    if (password) change.mutate(() => service.resetPassword(username, password))
  }
  return (
    <>
      <h1>Users</h1>
      <ErrorNote error={users.error ?? change.error} />
      {change.isSuccess ? <p role="status">Done.</p> : null}
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
          {users.data
            ?.filter((u) => u.user_type !== 'agent')
            .map((u) => (
              <tr key={u.username}>
                <td>{u.username}</td>
                <td>{u.role}</td>
                <td>{u.enabled ? 'enabled' : 'disabled'}</td>
                <td>{u.last_seen ? new Date(u.last_seen).toLocaleString() : '—'}</td>
                <td className="row wrap">
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
                    Reset password
                  </button>
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
          Password
          <input name="password" type="password" required autoComplete="new-password" />
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
