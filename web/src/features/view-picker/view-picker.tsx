import { type KeyboardEvent, useEffect, useRef, useState } from 'react'
import { useLocation } from 'wouter'
import { useMe } from '../../api/queries.ts'
import { PROJECT_VIEWS } from '../../components/nav.ts'
import { Dialog } from '../../components/ui.tsx'
import { useShortcuts } from '../../components/use-shortcuts.ts'

type View = { readonly href: string; readonly name: string; readonly about: string }

const ABOUT: Record<(typeof PROJECT_VIEWS)[number][0], string> = {
  board: 'Tickets in lanes by stage',
  list: 'Tickets as rows, sorted and filtered',
  tree: 'Epics and their children',
  graph: 'Hierarchy and dependencies drawn',
  stories: 'User stories of the project',
  requirements: 'What the project must meet',
  settings: 'Details, members and workflow',
}

/** The views the picker offers: the project's own, then the app-wide ones this user may open. */
function viewsFor(prefix: string | null, admin: boolean): View[] {
  return [
    ...(prefix
      ? PROJECT_VIEWS.map(([view, name]) => ({
          href: `/p/${prefix}/${view}`,
          name,
          about: ABOUT[view],
        }))
      : []),
    { href: '/', name: 'Projects', about: 'Every project you can see' },
    { href: '/search', name: 'Search', about: 'Tickets of every project' },
    { href: '/chat', name: 'Chat', about: 'Talk to the server’s model' },
    ...(admin
      ? [{ href: '/admin/users', name: 'Admin', about: 'Users, agents and workflows' }]
      : []),
  ]
}

/** `v` opens a list of views (the reference's view picker): ↑/↓ move, Enter opens. */
export function ViewPicker({ prefix }: { prefix: string | null }) {
  const [open, setOpen] = useState(false)
  useShortcuts({ v: () => setOpen(true), V: () => setOpen(true) })
  return open ? <Picker prefix={prefix} onClose={() => setOpen(false)} /> : null
}

function Picker({ prefix, onClose }: { prefix: string | null; onClose: () => void }) {
  const [, navigate] = useLocation()
  const me = useMe()
  const list = useRef<HTMLUListElement>(null)
  // The first view takes focus, so ↓ and Enter work at once. A frame later: the dialog first
  // focuses its close button when it opens.
  useEffect(() => {
    const frame = requestAnimationFrame(() => list.current?.querySelector('button')?.focus())
    return () => cancelAnimationFrame(frame)
  }, [])
  const views = viewsFor(prefix, me?.role === 'admin')
  const onKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return
    e.preventDefault()
    const buttons = [...e.currentTarget.querySelectorAll('button')]
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement)
    const next = (at + (e.key === 'ArrowDown' ? 1 : -1) + buttons.length) % buttons.length
    buttons[next]?.focus()
  }
  return (
    <Dialog title="Go to view" onClose={onClose}>
      <ul className="view-picker" ref={list} onKeyDown={onKey}>
        {views.map((v) => (
          <li key={v.href}>
            <button
              type="button"
              onClick={() => {
                onClose()
                navigate(v.href)
              }}
            >
              <strong>{v.name}</strong> <span className="muted">{v.about}</span>
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  )
}
