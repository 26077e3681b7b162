import type { FormEvent } from 'react'

/** A text field of the submitted form by name, trimmed; '' when the form has no such field. */
export type Field = (name: string) => string

/**
 * An onSubmit handler that keeps the browser on the page, hands `use` the form's fields and
 * then clears the form, unless `keep` is set.
 */
export const submitFields =
  (use: (field: Field) => void, { keep = false } = {}) =>
  (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const form = e.currentTarget
    const data = new FormData(form)
    use((name) => String(data.get(name) ?? '').trim())
    if (!keep) form.reset()
  }
