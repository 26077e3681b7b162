/**
 * Shows a failure in words the user can act on; announced to screen readers. The API's `hint`
 * is left out: it speaks to the command line ("run tk login"), and the web app has its own ways on.
 */
export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null
  return (
    <p className="error" role="alert">
      {error instanceof Error ? error.message : String(error)}
    </p>
  )
}
