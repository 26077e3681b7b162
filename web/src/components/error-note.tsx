/** Shows a failure in words the user can act on; announced to screen readers. */
export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null
  const message = error instanceof Error ? error.message : String(error)
  const hint =
    error && typeof error === 'object' && 'hint' in error && typeof error.hint === 'string'
      ? error.hint
      : null
  return (
    <p className="error" role="alert">
      {message}
      {hint ? <span className="hint"> — {hint}</span> : null}
    </p>
  )
}
