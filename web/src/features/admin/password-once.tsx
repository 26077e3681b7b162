/** A generated password, shown right after it was made and never again (api.md "Agents"). */
export function PasswordOnce(props: { who: string; password: string; onDone: () => void }) {
  return (
    <div className="once" role="alert">
      <p>
        The password of <strong>{props.who}</strong> is shown only now; store it somewhere safe:
      </p>
      <p>
        <code data-testid="once-password">{props.password}</code>
      </p>
      <button type="button" onClick={props.onDone}>
        I have stored it
      </button>
    </div>
  )
}
