import { useId, useState } from 'react'
import { Markdown } from '../../components/markdown.tsx'
import { useLeaveGuard } from '../../components/use-leave-guard.ts'

/**
 * A Markdown text shown rendered; "Edit" swaps in a textarea with the source. Escape cancels
 * (as for the title); unsaved text is not dropped without asking, by Escape or by leaving.
 */
export function MarkdownField(props: {
  label: string
  value: string
  editable: boolean
  onSave: (value: string) => void
}) {
  const [draft, setDraft] = useState<string | null>(null)
  const id = useId()
  const editing = draft !== null
  const discard = `Discard your unsaved ${props.label.toLowerCase()}?`
  const dirty = editing && draft !== props.value
  useLeaveGuard(dirty ? discard : null)
  const cancel = () => {
    if (!dirty || window.confirm(discard)) setDraft(null)
  }
  return (
    <section className="md-field" aria-labelledby={id}>
      <div className="row">
        <h2 id={id}>{props.label}</h2>
        {props.editable && !editing ? (
          <button
            type="button"
            onClick={() => setDraft(props.value)}
            aria-label={`Edit ${props.label}`}
          >
            Edit
          </button>
        ) : null}
      </div>
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            if (draft !== props.value) props.onSave(draft)
            setDraft(null)
          }}
        >
          <textarea
            name="text"
            aria-label={props.label}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Escape') return
              e.preventDefault()
              cancel()
            }}
            rows={8}
            // biome-ignore lint/a11y/noAutofocus: the user asked to edit this field
            autoFocus
          />
          <div className="row">
            <button type="submit">Save</button>
            <button type="button" onClick={cancel}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <Markdown source={props.value} empty="Empty." />
      )}
    </section>
  )
}
