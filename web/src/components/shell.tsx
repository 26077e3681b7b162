import { type ReactNode, useEffect, useRef, useState } from 'react'
import { Link, useLocation } from 'wouter'
import type { LiveState } from '../api/live.ts'
import { useMe, useProject, useProjects, writableProject } from '../api/queries.ts'
import { service } from '../api/service.ts'
import { CreateTicketDialog } from '../features/ticket/create-ticket-dialog.tsx'
import { HelpDialog } from './help-dialog.tsx'
import { projectOfPath, titleOf } from './paths.ts'
import { ThemeToggle } from './theme-toggle.tsx'
import { useShortcuts } from './use-shortcuts.ts'

export function Shell({ live, children }: { live: LiveState; children: ReactNode }) {
  const [path, navigate] = useLocation()
  const me = useMe()
  const projects = useProjects()
  const pathPrefix = projectOfPath(path)
  const project = useProject(pathPrefix ?? '', pathPrefix !== null)
  // A project this user cannot see gets no tabs and no New ticket, only the not-found page.
  const prefix = project.isError ? null : pathPrefix
  const canCreate = writableProject(project.data)
  const search = useRef<HTMLInputElement>(null)
  const [creating, setCreating] = useState(false)
  const [help, setHelp] = useState(false)

  // On navigation, name the page and move focus to its content, as a full page load would.
  const first = useRef(true)
  useEffect(() => {
    document.title = `${titleOf(path)} · ticket`
    if (first.current) {
      first.current = false
      return
    }
    document.getElementById('main')?.focus({ preventScroll: true })
  }, [path])

  useShortcuts({
    '/': () => search.current?.focus(),
    c: () => canCreate && setCreating(true),
    '?': () => setHelp((h) => !h),
  })

  // A full reload after sign-out drops every cached answer that belonged to the old session.
  const signOut = async () => {
    await service.logout()
    window.location.assign('/')
  }

  const tab = (view: string, label: string) => (
    <Link
      href={`/p/${prefix}/${view}`}
      className="tab"
      aria-current={path.endsWith(`/${view}`) ? 'page' : undefined}
    >
      {label}
    </Link>
  )

  return (
    <>
      <a href="#main" className="skip">
        Skip to content
      </a>
      <header className="top">
        <Link href="/" className="brand">
          ticket
        </Link>
        <label className="sr-only" htmlFor="project-picker">
          Project
        </label>
        <select
          id="project-picker"
          value={prefix ?? ''}
          onChange={(e) => navigate(e.target.value ? `/p/${e.target.value}/board` : '/')}
        >
          <option value="">All projects</option>
          {projects.data?.map((p) => (
            <option key={p.prefix} value={p.prefix}>
              {p.prefix} · {p.title}
            </option>
          ))}
        </select>
        {prefix ? (
          <nav aria-label="Project views" className="tabs">
            {tab('board', 'Board')}
            {tab('list', 'List')}
            {tab('tree', 'Hierarchy')}
            {tab('stories', 'Stories')}
            {tab('requirements', 'Requirements')}
            {/* Decisions are tickets of type decision: the list, filtered. */}
            <Link href={`/p/${prefix}/list?type=decision`} className="tab">
              Decisions
            </Link>
            {tab('settings', 'Settings')}
          </nav>
        ) : null}
        <search className="search">
          <form
            onSubmit={(e) => {
              e.preventDefault()
              const q = search.current?.value.trim() ?? ''
              const where = prefix ? `/p/${prefix}/list` : '/search'
              navigate(`${where}?q=${encodeURIComponent(q)}`)
            }}
          >
            <label className="sr-only" htmlFor="global-search">
              Search tickets
            </label>
            <input id="global-search" ref={search} type="search" placeholder="Search ( / )" />
          </form>
        </search>
        {canCreate ? (
          <button type="button" onClick={() => setCreating(true)} title="New ticket (c)">
            New ticket
          </button>
        ) : null}
        <Link href="/chat" className="tab" aria-current={path === '/chat' ? 'page' : undefined}>
          Chat
        </Link>
        {me?.role === 'admin' ? (
          <Link
            href="/admin/users"
            className="tab"
            aria-current={path.startsWith('/admin') ? 'page' : undefined}
          >
            Admin
          </Link>
        ) : null}
        <span className={`live live-${live}`} role="status" title="Live updates">
          {live === 'live' ? 'live' : live === 'offline' ? 'offline' : '…'}
        </span>
        <ThemeToggle />
        <span className="me">
          <span className="sr-only">Signed in as </span>
          {me?.username}
        </span>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      {creating && prefix ? (
        <CreateTicketDialog
          prefix={prefix}
          onClose={() => setCreating(false)}
          onCreated={(key) => {
            setCreating(false)
            navigate(`/t/${key}`)
          }}
        />
      ) : null}
      {help ? <HelpDialog onClose={() => setHelp(false)} /> : null}
    </>
  )
}
