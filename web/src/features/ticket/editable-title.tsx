import { useEffect, useRef, useState } from 'react'
import { useShortcuts } from '../../components/use-shortcuts.ts'

/** The ticket title as a heading; click, Enter or `e` turns it into a field. Enter saves, Escape cancels. */
export function EditableTitle(props: {
  value: string
  editable: boolean
  onSave: (title: string) => void
}) {
  const [editing, setEditing] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  useShortcuts({ e: () => props.editable && setEditing(true) })
  useEffect(() => {
    if (editing) input.current?.select()
  }, [editing])

  if (!editing)
    return (
      <h1 className="ticket-title">
        {props.editable ? (
          <button
            type="button"
            className="as-text"
            onClick={() => setEditing(true)}
            aria-label={`Title: ${props.value}. Edit title`}
          >
            {props.value}
          </button>
        ) : (
          props.value
        )}
      </h1>
    )
  return (
    <form
      className="title-form"
      onSubmit={(e) => {
        e.preventDefault()
        const v = input.current?.value.trim() ?? ''
        if (v && v !== props.value) props.onSave(v)
        setEditing(false)
      }}
    >
      <label className="sr-only" htmlFor="title-input">
        Title
      </label>
      <input
        id="title-input"
        ref={input}
        defaultValue={props.value}
        maxLength={500}
        onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
      />
      <button type="submit">Save</button>
      <button type="button" onClick={() => setEditing(false)}>
        Cancel
      </button>
    </form>
  )
}
