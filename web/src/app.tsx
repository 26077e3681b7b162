import { useQueryClient } from '@tanstack/react-query'
import { type ComponentType, lazy, Suspense } from 'react'
import { Redirect, Route, Switch } from 'wouter'
import { useLiveUpdates } from './api/live.ts'
import { useStatus } from './api/queries.ts'
import { ErrorNote } from './components/error-note.tsx'
import { NotFound } from './components/not-found.tsx'
import { ProjectGate } from './components/project-gate.tsx'
import { Shell } from './components/shell.tsx'
import { SignIn } from './features/auth/sign-in.tsx'
import { BoardPage } from './features/board/board-page.tsx'
import { ProjectsPage } from './features/projects/projects-page.tsx'

// Pages a first visit to the board does not need load on demand, keeping initial JS small.
const pages = {
  list: () => import('./features/list/list-page.tsx'),
  tree: () => import('./features/projects/tree-page.tsx'),
  graph: () => import('./features/graph/graph-page.tsx'),
  settings: () => import('./features/projects/project-settings.tsx'),
  ticket: () => import('./features/ticket/ticket-page.tsx'),
  search: () => import('./features/search/search-page.tsx'),
  stories: () => import('./features/planning/stories-page.tsx'),
  requirements: () => import('./features/planning/requirements-page.tsx'),
  admin: () => import('./features/admin/admin-page.tsx'),
  chat: () => import('./features/chat/chat-page.tsx'),
}
const ListPage = lazy(pages.list)
const TreePage = lazy(pages.tree)
const GraphPage = lazy(pages.graph)
const ProjectSettings = lazy(pages.settings)
const TicketPage = lazy(pages.ticket)
const SearchPage = lazy(pages.search)
const StoriesPage = lazy(pages.stories)
const RequirementsPage = lazy(pages.requirements)
const AdminPage = lazy(pages.admin)
const ChatPage = lazy(pages.chat)

/**
 * A deep link starts loading its page's code at once, beside the session check, instead of
 * after it: one round trip fewer before the page shows (quality.md: at most two).
 */
export function preloadPageFor(path: string) {
  const view = /^\/p\/[^/]+\/(\w+)/.exec(path)?.[1]
  const load = path.startsWith('/t/')
    ? pages.ticket
    : path.startsWith('/admin')
      ? pages.admin
      : path.startsWith('/search')
        ? pages.search
        : path.startsWith('/chat')
          ? pages.chat
          : view && view in pages
            ? pages[view as keyof typeof pages]
            : undefined
  void load?.()
}

export function App() {
  const status = useStatus()
  const qc = useQueryClient()
  const live = useLiveUpdates(qc, status.data?.authenticated === true)

  if (status.isPending)
    return (
      <p className="boot" aria-live="polite">
        Loading…
      </p>
    )
  if (status.isError) return <ErrorNote error={status.error} />
  if (!status.data.authenticated) return <SignIn registration={status.data.registration_enabled} />

  return (
    <Shell live={live}>
      <Suspense fallback={<p aria-live="polite">Loading…</p>}>
        <Switch>
          <Route path="/" component={ProjectsPage} />
          <Route path="/login">
            <Redirect to="/" />
          </Route>
          <Route path="/p/:prefix">{(p) => <Redirect to={`/p/${p.prefix}/board`} />}</Route>
          <Route path="/p/:prefix/board">{(p) => inProject(p.prefix, BoardPage)}</Route>
          <Route path="/p/:prefix/list">{(p) => inProject(p.prefix, ListPage)}</Route>
          <Route path="/p/:prefix/tree">{(p) => inProject(p.prefix, TreePage)}</Route>
          <Route path="/p/:prefix/graph">{(p) => inProject(p.prefix, GraphPage)}</Route>
          <Route path="/p/:prefix/stories">{(p) => inProject(p.prefix, StoriesPage)}</Route>
          <Route path="/p/:prefix/stories/:id">
            {(p) => inProject(p.prefix, StoriesPage, Number(p.id))}
          </Route>
          <Route path="/p/:prefix/requirements">
            {(p) => inProject(p.prefix, RequirementsPage)}
          </Route>
          <Route path="/p/:prefix/settings">{(p) => inProject(p.prefix, ProjectSettings)}</Route>
          <Route path="/t/:key">{(p) => <TicketPage ticketKey={p.key.toUpperCase()} />}</Route>
          <Route path="/search" component={SearchPage} />
          <Route path="/chat" component={ChatPage} />
          <Route path="/admin" nest>
            <AdminPage />
          </Route>
          <Route>
            <NotFound title="Page not found">There is no page at this address.</NotFound>
          </Route>
        </Switch>
      </Suspense>
    </Shell>
  )
}

/** A project's view, behind the one check that the project is there for this user. */
function inProject(
  prefix: string,
  View: ComponentType<{ prefix: string; storyId?: number }>,
  storyId?: number,
) {
  return (
    <ProjectGate prefix={prefix}>
      <View prefix={prefix} {...(storyId === undefined ? {} : { storyId })} />
    </ProjectGate>
  )
}
