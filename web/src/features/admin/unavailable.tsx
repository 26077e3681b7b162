import { isMissingRoute } from '../../api/request.ts'
import { ErrorNote } from '../../components/error-note.tsx'

/** A section whose routes this server does not have yet says so instead of failing. */
export function Unavailable({ title, error }: { title: string; error: unknown }) {
  return (
    <>
      <h1>{title}</h1>
      {isMissingRoute(error) ? (
        <p role="status">This server does not offer {title.toLowerCase()} yet.</p>
      ) : (
        <ErrorNote error={error} />
      )}
    </>
  )
}
