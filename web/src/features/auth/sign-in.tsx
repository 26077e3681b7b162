import { useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { keys } from '../../api/keys.ts'
import { service } from '../../api/service.ts'
import { ErrorNote } from '../../components/error-note.tsx'

/** Sign-in and (when the server allows it) registration; the session arrives as a cookie. */
export function SignIn({ registration }: { registration: boolean }) {
  const qc = useQueryClient()
  const [mode, setMode] = useState<'login' | 'register'>(
    window.location.pathname === '/register' && registration ? 'register' : 'login',
  )
  const [error, setError] = useState<unknown>(null)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const form = new FormData(e.currentTarget)
    const username = String(form.get('username') ?? '')
    const password = String(form.get('password') ?? '')
    setBusy(true)
    setError(null)
    try {
      if (mode === 'register') {
        await service.register({ username, password })
        setNote('Registered. You can now sign in.')
        setMode('login')
      } else {
        await service.login(username, password)
        if (window.location.pathname === '/login' || window.location.pathname === '/register')
          window.history.replaceState(null, '', '/')
        await qc.invalidateQueries({ queryKey: keys.status })
      }
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <main className="sign-in" id="main">
      <h1>ticket</h1>
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h2 id="sign-in-title">{mode === 'login' ? 'Sign in' : 'Create an account'}</h2>
        <label>
          Username
          {/* biome-ignore lint/a11y/noAutofocus: the sign-in page has one task, typing the username */}
          <input name="username" autoComplete="username" required autoFocus />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
            required
          />
        </label>
        <button type="submit" disabled={busy}>
          {mode === 'login' ? 'Sign in' : 'Register'}
        </button>
        {note ? <p role="status">{note}</p> : null}
        <ErrorNote error={error} />
      </form>
      {registration ? (
        <button
          type="button"
          className="link"
          onClick={() => {
            setMode(mode === 'login' ? 'register' : 'login')
            setError(null)
          }}
        >
          {mode === 'login' ? 'Register a new account' : 'Back to sign in'}
        </button>
      ) : null}
    </main>
  )
}
