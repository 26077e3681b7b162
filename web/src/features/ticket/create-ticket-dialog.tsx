import { useMutation } from '@tanstack/react-query'
import type { FormEvent } from 'react'
import type { TicketType } from '../../../../src/domain/ticket.ts'
import { service } from '../../api/service.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { Button, Dialog } from '../../components/ui.tsx'
import { TYPE_LABELS } from './labels.ts'

export function CreateTicketDialog(props: {
  prefix: string
  parent?: string
  onClose: () => void
  onCreated: (key: string) => void
}) {
  const create = useMutation({
    mutationFn: (f: FormData) =>
      service.createTicket({
        project: props.prefix,
        title: String(f.get('title')),
        type: String(f.get('type')) as TicketType,
        description: String(f.get('description') ?? ''),
        ...(f.get('parent') ? { parent: String(f.get('parent')) } : {}),
      }),
    onSuccess: (t) => props.onCreated(t.key),
  })
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    create.mutate(new FormData(e.currentTarget))
  }
  return (
    <Dialog title={`New ticket in ${props.prefix}`} onClose={props.onClose}>
      <form onSubmit={submit} className="card-form">
        <label>
          Title
          <input name="title" required maxLength={500} />
        </label>
        <label>
          Type
          <select name="type" defaultValue="task">
            {Object.entries(TYPE_LABELS).map(([t, label]) => (
              <option key={t} value={t}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Description (Markdown)
          <textarea name="description" rows={4} />
        </label>
        <label>
          Parent
          <input name="parent" defaultValue={props.parent ?? ''} placeholder="e.g. CUS-E-1" />
        </label>
        <div className="row">
          <Button type="submit" variant="primary" disabled={create.isPending}>
            Create ticket
          </Button>
          <Button variant="ghost" onClick={props.onClose}>
            Cancel
          </Button>
        </div>
        <ErrorNote error={create.error} />
      </form>
    </Dialog>
  )
}
