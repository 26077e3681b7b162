import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'wouter'
import type { ProposedTicket } from '../../../../src/domain/breakdown.ts'
import { keys } from '../../api/keys.ts'
import { service } from '../../api/service.ts'
import { ErrorNote } from '../../components/error-note.tsx'

type Draft = ProposedTicket & { readonly keep: boolean }

/**
 * "Analyse" (api.md "Agents", ui.md): the server's LLM proposes child tickets; the user edits,
 * keeps or drops each, and only the kept ones are created, together.
 */
export function AnalyseButton({ ticketKey, prefix }: { ticketKey: string; prefix: string }) {
  const qc = useQueryClient()
  const [drafts, setDrafts] = useState<Draft[] | null>(null)
  const propose = useMutation({
    mutationFn: () => service.proposeBreakdown(ticketKey),
    onSuccess: (b) => setDrafts(b.tickets.map((t) => ({ ...t, keep: true }))),
  })
  const create = useMutation({
    mutationFn: (tickets: readonly ProposedTicket[]) =>
      service.addBreakdown(ticketKey, { tickets }),
    onSuccess: async () => {
      setDrafts(null)
      await qc.invalidateQueries({ queryKey: keys.ticket(ticketKey) })
      await qc.invalidateQueries({ queryKey: keys.tickets(prefix) })
    },
  })
  const change = (i: number, patch: Partial<Draft>) =>
    setDrafts((d) => d?.map((x, j) => (j === i ? { ...x, ...patch } : x)) ?? null)
  const kept = drafts?.filter((d) => d.keep && d.title.trim() !== '') ?? []

  if (!drafts)
    return (
      <div>
        <button type="button" onClick={() => propose.mutate()} disabled={propose.isPending}>
          {propose.isPending ? 'Analysing…' : 'Analyse into child tickets'}
        </button>
        {create.data ? (
          <p role="status">
            Created {create.data.created.length} tickets:{' '}
            {create.data.created.map((t, i) => (
              <span key={t.key}>
                {i > 0 ? ', ' : ''}
                <Link href={`/t/${t.key}`}>{t.key}</Link>
              </span>
            ))}
          </p>
        ) : null}
        <ErrorNote error={propose.error} />
      </div>
    )
  return (
    <form
      className="proposal"
      aria-label="Proposed child tickets"
      onSubmit={(e) => {
        e.preventDefault()
        create.mutate(kept.map(({ keep: _, ...t }) => ({ ...t, title: t.title.trim() })))
      }}
    >
      <p>Proposed child tickets: edit, keep or drop each, then create the ones you keep.</p>
      <ol>
        {drafts.map((d, i) => (
          // The proposal is a fixed list: its order is its identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={i} className="row wrap">
            <input
              type="checkbox"
              checked={d.keep}
              aria-label={`Keep proposal ${i + 1}`}
              onChange={(e) => change(i, { keep: e.target.checked })}
            />
            <span className="badge">{d.type}</span>
            <input
              value={d.title}
              aria-label={`Title of proposal ${i + 1}`}
              disabled={!d.keep}
              onChange={(e) => change(i, { title: e.target.value })}
            />
          </li>
        ))}
      </ol>
      <div className="row">
        <button type="submit" disabled={kept.length === 0 || create.isPending}>
          Create {kept.length} {kept.length === 1 ? 'ticket' : 'tickets'}
        </button>
        <button type="button" onClick={() => setDrafts(null)}>
          Discard proposal
        </button>
      </div>
      <ErrorNote error={create.error} />
    </form>
  )
}
