import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { FormEvent } from 'react'
import { keys } from '../../api/keys.ts'
import { service } from '../../api/service.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { ensureLabel } from '../ticket/label-ops.ts'

/**
 * Close, assign or label every selected ticket; each change is its own request. The selection
 * stays after assigning or labelling, ready for the next change; closed tickets leave the list.
 */
export function BulkActions(props: {
  prefix: string
  selected: readonly string[]
  onDone: () => void
}) {
  const qc = useQueryClient()
  const bulk = useMutation({
    mutationFn: (each: (key: string) => Promise<unknown>) =>
      Promise.all(props.selected.map((k) => each(k))),
    onSettled: async () => {
      await qc.invalidateQueries({ queryKey: keys.tickets(props.prefix) })
      await qc.invalidateQueries({ queryKey: keys.lists(props.prefix) })
    },
  })
  const field = (e: FormEvent<HTMLFormElement>, name: string) => {
    e.preventDefault()
    return String(new FormData(e.currentTarget).get(name) ?? '').trim()
  }
  const n = props.selected.length
  return (
    <fieldset className="bulk" disabled={n === 0 || bulk.isPending}>
      <legend>{n} selected</legend>
      <button
        type="button"
        onClick={() =>
          bulk.mutate((k) => service.setFlag(k, 'open', false), { onSuccess: props.onDone })
        }
      >
        Close selected
      </button>
      <form
        className="row"
        onSubmit={(e) => {
          const who = field(e, 'who')
          if (who) bulk.mutate((k) => service.assign(k, who))
        }}
      >
        <label className="sr-only" htmlFor="bulk-assign">
          Assign selected to
        </label>
        <input id="bulk-assign" name="who" placeholder="username" size={10} />
        <button type="submit">Assign</button>
      </form>
      <form
        className="row"
        onSubmit={(e) => {
          const label = field(e, 'label')
          if (!label) return
          // The project's label is made once, before the tickets get it.
          const ready = ensureLabel(props.prefix, label)
          bulk.mutate(async (k) => {
            await ready
            return service.addLabel(k, label)
          })
        }}
      >
        <label className="sr-only" htmlFor="bulk-label">
          Label selected
        </label>
        <input id="bulk-label" name="label" placeholder="label" size={10} />
        <button type="submit">Label</button>
      </form>
      <ErrorNote error={bulk.error} />
    </fieldset>
  )
}
