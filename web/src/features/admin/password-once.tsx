import { AgentId } from './agent-id.tsx'

/** A password to show once, and whose it is. */
export type OncePassword = {
  readonly who: string
  /** An agent's id, shown after its name. */
  readonly id?: string
  readonly password: string
}

/** A generated password, shown right after it was made and never again (api.md "Agents"). */
export function PasswordOnce({
  shown,
  onDone,
}: {
  shown: OncePassword | null
  onDone: () => void
}) {
  if (!shown) return null
  return (
    <div className="once" role="alert">
      <p>
        The password of <strong>{shown.who}</strong>
        {shown.id ? (
          <>
            {' '}
            (<AgentId id={shown.id} />)
          </>
        ) : null}{' '}
        is shown only now; store it somewhere safe:
      </p>
      <p>
        <code data-testid="once-password">{shown.password}</code>
      </p>
      <button type="button" onClick={onDone}>
        I have stored it
      </button>
    </div>
  )
}
