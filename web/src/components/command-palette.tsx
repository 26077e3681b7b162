import { useQuery } from '@tanstack/react-query'
import { Command, defaultFilter } from 'cmdk'
import { Dialog as RDialog } from 'radix-ui'
import { useDeferredValue, useState } from 'react'
import { useLocation } from 'wouter'
import { useProjects } from '../api/queries.ts'
import { service } from '../api/service.ts'
import { TypeIcon } from '../features/ticket/ticket-badges.tsx'
import { ADMIN_SECTIONS, PROJECT_VIEWS, signOut } from './nav.ts'
import { recentProjects } from './recent.ts'
import type { Theme } from './theme.ts'

const KEY = /^[A-Za-z]{2,5}-[A-Za-z]{1,2}-\d+$/

/**
 * Typed words put, first, the ticket with that key; then the search for the words (so
 * `/`, words, Enter searches, whatever arrives meanwhile); then the tickets found; then the
 * places and actions whose names match.
 */
const rank = (value: string, search: string, keywords?: string[]) => {
  if (value.startsWith('open ')) return 1
  if (value.startsWith('search for ')) return 0.99
  if (value.startsWith('ticket ')) return 0.98
  return defaultFilter(value, search, keywords) * 0.9
}

/**
 * Ctrl-K / Cmd-K: go anywhere, do the common actions, and find a ticket by its key or by
 * words (the server's full-text search) without leaving the page.
 */
export function CommandPalette(props: {
  prefix: string | null
  canCreate: boolean
  isAdmin: boolean
  onClose: () => void
  onCreate: () => void
  onHelp: () => void
  onTheme: (t: Theme) => void
}) {
  const [, navigate] = useLocation()
  const [text, setText] = useState('')
  // Items follow the text at once (so the selection lands on the right first item);
  // only the server search waits for typing to settle.
  const words = text.trim()
  const settled = useDeferredValue(words)
  const projects = useProjects()
  const found = useQuery({
    queryKey: ['palette', settled],
    queryFn: () => service.searchTickets(settled, { limit: 8 }),
    enabled: settled.length >= 2 && !KEY.test(settled),
    staleTime: 10_000,
  })
  const run = (fn: () => void) => () => {
    props.onClose()
    fn()
  }
  const go = (href: string) => run(() => navigate(href))
  const recent = recentProjects()
  const ordered = [...(projects.data ?? [])].sort(
    (a, b) =>
      (recent.indexOf(a.prefix) + 1 || 99) - (recent.indexOf(b.prefix) + 1 || 99) ||
      a.prefix.localeCompare(b.prefix),
  )
  const typed = words.toUpperCase()

  return (
    <RDialog.Root open onOpenChange={(open) => (open ? undefined : props.onClose())}>
      <RDialog.Portal>
        <RDialog.Overlay className="palette-overlay" />
        <RDialog.Content className="palette" aria-describedby={undefined}>
          <RDialog.Title className="sr-only">Command palette</RDialog.Title>
          <Command label="Command palette" loop filter={rank}>
            <Command.Input
              value={text}
              onValueChange={setText}
              placeholder="Jump to, do, or find a ticket by key or words…"
            />
            <Command.List>
              <Command.Empty>
                {found.isFetching ? 'Searching…' : 'Nothing matches. Try other words.'}
              </Command.Empty>
              {KEY.test(words) ? (
                <Command.Group heading="Ticket">
                  <Command.Item
                    value={`open ${typed}`}
                    keywords={[words]}
                    onSelect={go(`/t/${typed}`)}
                  >
                    Open <span className="key">{typed}</span>
                  </Command.Item>
                </Command.Group>
              ) : null}
              {words.length >= 2 ? (
                <Command.Group heading="Search">
                  <Command.Item
                    value={`search for ${words}`}
                    keywords={[words]}
                    onSelect={go(
                      props.prefix
                        ? `/p/${props.prefix}/list?q=${encodeURIComponent(words)}`
                        : `/search?q=${encodeURIComponent(words)}`,
                    )}
                  >
                    Search {props.prefix ? `${props.prefix} ` : 'all projects '}for “{words}”
                  </Command.Item>
                </Command.Group>
              ) : null}
              {found.data && found.data.length > 0 ? (
                <Command.Group heading="Tickets">
                  {found.data.map((t) => (
                    <Command.Item
                      key={t.key}
                      value={`ticket ${t.key} ${t.title}`}
                      keywords={[words]}
                      onSelect={go(`/t/${t.key}`)}
                    >
                      <TypeIcon type={t.type} />
                      <span className="key">{t.key}</span>
                      <span className="palette-text">{t.title}</span>
                    </Command.Item>
                  ))}
                </Command.Group>
              ) : null}
              <Command.Group heading="Actions">
                {props.canCreate && props.prefix ? (
                  <Command.Item onSelect={run(props.onCreate)}>
                    New ticket in {props.prefix}
                  </Command.Item>
                ) : null}
                <Command.Item onSelect={run(() => props.onTheme('light'))}>
                  Theme: light
                </Command.Item>
                <Command.Item onSelect={run(() => props.onTheme('dark'))}>Theme: dark</Command.Item>
                <Command.Item onSelect={run(() => props.onTheme('system'))}>
                  Theme: follow the system
                </Command.Item>
                <Command.Item onSelect={run(props.onHelp)}>Keyboard shortcuts</Command.Item>
                <Command.Item onSelect={run(() => void signOut())}>Sign out</Command.Item>
              </Command.Group>
              {props.prefix ? (
                <Command.Group heading={`${props.prefix} views`}>
                  {PROJECT_VIEWS.map(([view, label]) => (
                    <Command.Item
                      key={view}
                      value={`${props.prefix} ${label}`}
                      onSelect={go(`/p/${props.prefix}/${view}`)}
                    >
                      Go to {label}
                    </Command.Item>
                  ))}
                </Command.Group>
              ) : null}
              <Command.Group heading="Projects">
                {ordered.map((p) => (
                  <Command.Item
                    key={p.prefix}
                    value={`project ${p.prefix} ${p.title}`}
                    onSelect={go(`/p/${p.prefix}/board`)}
                  >
                    <span className="key">{p.prefix}</span>
                    <span className="palette-text">{p.title}</span>
                  </Command.Item>
                ))}
                <Command.Item value="all projects" onSelect={go('/')}>
                  All projects
                </Command.Item>
              </Command.Group>
              <Command.Group heading="Go to">
                <Command.Item onSelect={go('/search')}>Search</Command.Item>
                <Command.Item onSelect={go('/chat')}>Chat</Command.Item>
                {props.isAdmin
                  ? ADMIN_SECTIONS.map(([id, label]) => (
                      <Command.Item key={id} value={`admin ${label}`} onSelect={go(`/admin/${id}`)}>
                        Admin: {label}
                      </Command.Item>
                    ))
                  : null}
              </Command.Group>
            </Command.List>
          </Command>
        </RDialog.Content>
      </RDialog.Portal>
    </RDialog.Root>
  )
}
