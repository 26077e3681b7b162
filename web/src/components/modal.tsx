import { type ReactNode, useEffect, useId, useRef } from 'react'

/** A native modal dialog: the browser traps focus, Escape closes, focus returns afterwards. */
export function Modal(props: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useEffect(() => {
    const d = ref.current
    if (d && !d.open) d.showModal()
  }, [])
  return (
    <dialog ref={ref} aria-labelledby={titleId} onClose={props.onClose} className="modal">
      <h2 id={titleId}>{props.title}</h2>
      {props.children}
    </dialog>
  )
}
