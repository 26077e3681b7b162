import { lazy, type ReactNode, Suspense, useEffect, useMemo, useRef, useState } from 'react'
import { Link, useLocation } from 'wouter'
import type { LiveState } from '../api/live.ts'
import { useMe, useProject, useProjects, useStatus, writableProject } from '../api/queries.ts'
import { CreateTicketDialog } from '../features/ticket/create-ticket-dialog.tsx'
import { LabelColours } from '../features/ticket/label-colours.tsx'
import { ViewPicker } from '../features/view-picker/view-picker.tsx'
import { HelpDialog } from './help-dialog.tsx'
import { PROJECT_VIEWS, signOut } from './nav.ts'
import { NewTicketAction } from './new-ticket.ts'
import { projectOfPath, titleOf } from './paths.ts'
import { recentProjects, rememberProject } from './recent.ts'
import { type Theme, useTheme } from './theme.ts'
import { Avatar, Button, Menu, Tooltip, TooltipProvider } from './ui.tsx'
import { useShortcuts } from './use-shortcuts.ts'

// The palette (cmdk) loads when first opened, keeping it out of the first page's JavaScript.
const loadPalette = () => import('./command-palette.tsx')
const CommandPalette = lazy(() => loadPalette().then((m) => ({ default: m.CommandPalette })))

const THEME_WORDS: Record<Theme, string> = { system: 'auto', light: 'light', dark: 'dark' }

export function Shell({ live, children }: { live: LiveState; children: ReactNode }) {
  const [path, navigate] = useLocation()
  const me = useMe()
  const version = useStatus().data?.server_version
  const pathPrefix = projectOfPath(path)
  const project = useProject(pathPrefix ?? '', pathPrefix !== null)
  // A project this user cannot see gets no views and no New ticket, only the not-found page.
  const prefix = project.isError ? null : pathPrefix
  const canCreate = writableProject(project.data)
  const [creating, setCreating] = useState(false)
  const openCreate = useMemo(
    () => (canCreate && prefix ? () => setCreating(true) : null),
    [canCreate, prefix],
  )
  const [recent, setRecent] = useState(recentProjects)
  const [help, setHelp] = useState(false)
  const [palette, setPalette] = useState(false)
  const [drawer, setDrawer] = useState(false)
  const [theme, setTheme] = useTheme()

  // On navigation, name the page and move focus to its content, as a full page load would.
  const first = useRef(true)
  useEffect(() => {
    document.title = `${titleOf(path)} · ticket`
    setDrawer(false)
    if (first.current) {
      first.current = false
      return
    }
    document.getElementById('main')?.focus({ preventScroll: true })
  }, [path])
  // Fetched once the page is up, so Ctrl-K opens at once.
  useEffect(() => {
    void loadPalette()
  }, [])
  useEffect(() => {
    if (!project.data) return
    rememberProject(project.data.prefix)
    // Rendered again with the new order, not only on the next unrelated render.
    setRecent(recentProjects())
  }, [project.data])

  useShortcuts({
    '/': () => setPalette(true),
    c: () => canCreate && setCreating(true),
    '?': () => setHelp((h) => !h),
  })
  // Ctrl-K / Cmd-K opens the palette from anywhere, text fields included.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault()
        setPalette((p) => !p)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const title = project.data
    ? `${project.data.prefix} · ${project.data.title}`
    : pathPrefix
      ? pathPrefix
      : titleOf(path)

  return (
    <TooltipProvider delayDuration={400}>
      <a href="#main" className="skip">
        Skip to content
      </a>
      <div className="app">
        <Sidebar
          path={path}
          prefix={prefix}
          isAdmin={me?.role === 'admin'}
          username={me?.username ?? ''}
          version={version}
          recent={recent}
          open={drawer}
        />
        {drawer ? (
          <button
            type="button"
            className="sidebar-scrim"
            aria-label="Close navigation"
            onClick={() => setDrawer(false)}
          />
        ) : null}
        <header className="top">
          <Button
            variant="ghost"
            icon
            className="menu-only"
            aria-label="Navigation"
            aria-expanded={drawer}
            onClick={() => setDrawer((d) => !d)}
          >
            ☰
          </Button>
          <span className="title-crumb">{title}</span>
          <span className="top-spacer" />
          <Button
            variant="secondary"
            className="search-button"
            aria-keyshortcuts="Control+K /"
            onClick={() => setPalette(true)}
          >
            <span aria-hidden="true">⌕</span>
            <span className="search-words">Search or jump to…</span>
            <kbd className="desk-only">Ctrl K</kbd>
          </Button>
          {canCreate ? (
            <Tooltip text="New ticket (c)">
              <Button variant="primary" onClick={() => setCreating(true)} aria-label="New ticket">
                <span aria-hidden="true">+</span>
                <span className="desk-only">New ticket</span>
              </Button>
            </Tooltip>
          ) : null}
          <span className={`live live-${live}`} role="status" title="Live updates">
            {live === 'live' ? 'live' : live === 'offline' ? 'offline' : '…'}
          </span>
          <Menu
            label="Settings and help"
            trigger={<span aria-hidden="true">⋯</span>}
            items={[
              ...(['system', 'light', 'dark'] as const).map((t) => ({
                label: `Theme: ${THEME_WORDS[t]}`,
                checked: theme === t,
                onSelect: () => setTheme(t),
              })),
              'separator',
              { label: 'Command palette', onSelect: () => setPalette(true) },
              { label: 'Keyboard shortcuts', onSelect: () => setHelp(true) },
              'separator',
              { label: 'Sign out', onSelect: () => void signOut(), danger: true },
            ]}
          />
        </header>
        <main id="main" tabIndex={-1}>
          <LabelColours prefix={project.data ? project.data.prefix : null}>
            <NewTicketAction.Provider value={openCreate}>{children}</NewTicketAction.Provider>
          </LabelColours>
        </main>
      </div>
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
      <ViewPicker prefix={prefix} />
      {palette ? (
        <Suspense fallback={null}>
          <CommandPalette
            prefix={prefix}
            canCreate={canCreate}
            isAdmin={me?.role === 'admin'}
            onClose={() => setPalette(false)}
            onCreate={() => setCreating(true)}
            onHelp={() => setHelp(true)}
            onTheme={setTheme}
          />
        </Suspense>
      ) : null}
    </TooltipProvider>
  )
}

function Sidebar(props: {
  path: string
  prefix: string | null
  isAdmin: boolean
  username: string
  version: string | undefined
  recent: readonly string[]
  open: boolean
}) {
  const { path, prefix } = props
  const projects = useProjects()
  // Recently used projects first, then the rest in the server's order.
  const { recent } = props
  const open = (projects.data ?? []).filter((p) => p.status === 'open' || p.prefix === prefix)
  const rank = (p: string) => {
    const i = recent.indexOf(p)
    return i === -1 ? recent.length : i
  }
  const project = projects.data?.find((p) => p.prefix === prefix)
  const shown = [...open].sort((a, b) => rank(a.prefix) - rank(b.prefix)).slice(0, 8)
  const current = (href: string, exact = true) =>
    (exact ? path === href : path.startsWith(href)) ? 'page' : undefined

  return (
    <aside className={`sidebar${props.open ? ' open' : ''}`} aria-label="Navigation">
      <Link href="/" className="brand">
        <span className="brand-mark" aria-hidden="true">
          t
        </span>
        ticket
      </Link>
      <nav className="nav-group" aria-label="Projects">
        <p className="nav-title">Projects</p>
        <ul>
          <li>
            <Link href="/" className="nav-link" aria-current={current('/')}>
              All projects
            </Link>
          </li>
          {shown.map((p) => (
            <li key={p.prefix}>
              <Link
                href={`/p/${p.prefix}/board`}
                className="nav-link"
                aria-current={p.prefix === prefix ? 'true' : undefined}
              >
                <span className="prefix">{p.prefix}</span>
                {p.title}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {prefix ? (
        <nav className="nav-group" aria-label="Project views">
          <p className="nav-title">{project?.title ?? prefix}</p>
          <ul>
            {PROJECT_VIEWS.map(([view, label]) => (
              <li key={view}>
                <Link
                  href={`/p/${prefix}/${view}`}
                  className="nav-link"
                  aria-current={current(`/p/${prefix}/${view}`, view === 'stories')}
                >
                  {label}
                </Link>
              </li>
            ))}
            <li>
              {/* Decisions are tickets of type decision: the list, filtered. */}
              <Link href={`/p/${prefix}/list?type=decision`} className="nav-link">
                Decisions
              </Link>
            </li>
          </ul>
        </nav>
      ) : null}
      <nav className="nav-group" aria-label="Workspace">
        <p className="nav-title">Workspace</p>
        <ul>
          <li>
            <Link href="/search" className="nav-link" aria-current={current('/search')}>
              Search
            </Link>
          </li>
          <li>
            <Link href="/chat" className="nav-link" aria-current={current('/chat')}>
              Chat
            </Link>
          </li>
          {props.isAdmin ? (
            <li>
              <Link
                href="/admin/users"
                className="nav-link"
                aria-current={current('/admin', false)}
              >
                Admin
              </Link>
            </li>
          ) : null}
        </ul>
      </nav>
      <div className="sidebar-foot">
        <Avatar name={props.username || '?'} size="md" />
        <span className="me">
          <span className="sr-only">Signed in as </span>
          {props.username}
        </span>
        <Button variant="ghost" size="sm" onClick={() => void signOut()}>
          Sign out
        </Button>
      </div>
      {props.version ? <p className="version">ticket {props.version}</p> : null}
    </aside>
  )
}
