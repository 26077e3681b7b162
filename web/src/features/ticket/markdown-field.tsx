import { useId, useState } from 'react'
import { Markdown } from '../../components/markdown.tsx'

/** A Markdown text shown rendered; "Edit" swaps in a textarea with the source. */
export function MarkdownField(props: {
  label: string
  value: string
  editable: boolean
  onSave: (value: string) => void
}) {
  const [editing, setEditing] = useState(false)
  const id = useId()
  return (
    <section className="md-field" aria-labelledby={id}>
      <div className="row">
        <h2 id={id}>{props.label}</h2>
        {props.editable && !editing ? (
          <button type="button" onClick={() => setEditing(true)} aria-label={`Edit ${props.label}`}>
            Edit
          </button>
        ) : null}
      </div>
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            const v = String(new FormData(e.currentTarget).get('text') ?? '')
            if (v !== props.value) props.onSave(v)
            setEditing(false)
          }}
        >
          <textarea
            name="text"
            aria-label={props.label}
            defaultValue={props.value}
            rows={8}
            // biome-ignore lint/a11y/noAutofocus: the user asked to edit this field
            autoFocus
          />
          <div className="row">
            <button type="submit">Save</button>
            <button type="button" onClick={() => setEditing(false)}>
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
