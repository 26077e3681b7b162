import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Link } from 'wouter'
import { keys } from '../../api/keys.ts'
import { service } from '../../api/service.ts'
import { ErrorNote } from '../../components/error-note.tsx'

/** "Analyse" (api.md "Agents"): the server's LLM breaks an epic into child tickets. */
export function AnalyseButton({ ticketKey, prefix }: { ticketKey: string; prefix: string }) {
  const qc = useQueryClient()
  const analyse = useMutation({
    mutationFn: () => service.analyse(ticketKey),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: keys.ticket(ticketKey) })
      await qc.invalidateQueries({ queryKey: keys.tickets(prefix) })
    },
  })
  return (
    <div>
      <button type="button" onClick={() => analyse.mutate()} disabled={analyse.isPending}>
        {analyse.isPending ? 'Analysing…' : 'Analyse into child tickets'}
      </button>
      {analyse.data ? (
        <p role="status">
          Created {analyse.data.created.length} tickets:{' '}
          {analyse.data.created.map((t, i) => (
            <span key={t.key}>
              {i > 0 ? ', ' : ''}
              <Link href={`/t/${t.key}`}>{t.key}</Link>
            </span>
          ))}
        </p>
      ) : null}
      <ErrorNote error={analyse.error} />
    </div>
  )
}
