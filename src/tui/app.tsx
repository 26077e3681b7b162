import { Box, type Key, Text, useApp, useInput, useWindowSize } from 'ink'
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { TicketError } from '../domain/errors.ts'
import type { Project } from '../domain/project.ts'
import type { Ticket, TicketType } from '../domain/ticket.ts'
import type { User } from '../domain/user.ts'
import type { TicketService } from '../service/ticket-service.ts'
import { Confirm } from './components/confirm.tsx'
import { Prompt } from './components/prompt.tsx'
import { type Message, StatusBar } from './components/status-bar.tsx'
import { TabBar, tabAt } from './components/tab-bar.tsx'
import {
  ScreenContext,
  type ScreenHandle,
  type ScreenSlot,
  type Tui,
  TuiContext,
} from './context.ts'
import type { ChangeFeed } from './data/change-feed.ts'
import { useAsync } from './hooks/use-async.ts'
import { useMouse } from './hooks/use-mouse.ts'
import { type Action, keyName, resolveKey, type Scope } from './keys.ts'
import type { MouseSource } from './mouse.ts'
import { forEachKey } from './text-edit.ts'
import { findTheme, nextTheme, type Theme } from './themes.ts'
import { isTicketOp, runTicketAction, type TicketOp } from './ticket-actions.ts'
import { type TuiState, VIEWS, type View } from './tui-state.ts'
import { BoardView } from './views/board-view.tsx'
import { DetailView } from './views/detail-view.tsx'
import { HelpView, helpCapacity, helpLines } from './views/help-view.tsx'
import { ListView } from './views/list-view.tsx'
import { ProjectForm } from './views/project-form.tsx'
import { ProjectsView } from './views/projects-view.tsx'
import { SettingsView } from './views/settings-view.tsx'
import { SummaryView } from './views/summary-view.tsx'
import { TicketForm } from './views/ticket-form.tsx'
import { TreeView } from './views/tree-view.tsx'

export type AppProps = {
  readonly service: TicketService
  readonly me: User
  readonly project: string | undefined
  readonly initial: TuiState
  /** Persists the TUI state and the active project (config.json in the real program). */
  readonly save: (patch: { tui?: TuiState; project?: string }) => void
  readonly feed?: ChangeFeed
  readonly mouse?: MouseSource
  /** Fixed size for tests; the terminal's size otherwise. */
  readonly size?: { readonly columns: number; readonly rows: number }
  readonly now?: () => Date
}

/** A pane drawn over the current view; it takes the keys while it is open. */
export type Overlay =
  | { kind: 'help'; offset: number }
  | { kind: 'detail'; key: string; from: ScreenHandle | undefined }
  | { kind: 'ticket-form'; mode: 'new'; type: TicketType }
  | { kind: 'ticket-form'; mode: 'edit'; key: string }
  | { kind: 'project-form'; prefix: string | undefined }
  | {
      kind: 'prompt'
      label: string
      initial: string
      submit: (value: string) => void
      back: Overlay | undefined
    }
  | { kind: 'confirm'; question: string; yes: () => void; back: Overlay | undefined }

const SCOPE: Record<View, Scope> = {
  summary: 'list',
  list: 'list',
  board: 'board',
  ideas: 'ideas',
  projects: 'projects',
  settings: 'settings',
}

const DETAIL_HINTS =
  '↑/↓ previous/next ticket · PgUp/PgDn scroll · e edit · s start · c complete · m comment · Esc back'

const HINTS: Record<View, string> = {
  summary: 'Enter open · n new · Tab next view · / filter · ? keys · q quit',
  list: 'j/k move · Enter open · s start · c complete · f fail · n new · / filter · v tree · ? keys',
  board: '←/→ lane · ↑/↓ card · Shift+←/→ move · Shift+↑/↓ priority · D archive · U undo · ? keys',
  ideas: 'n new requirement · A accept · R reject · Enter open · e edit · / filter · ? keys',
  projects: 'Enter use project · e edit · n new project · ? keys · q quit',
  settings: 'j/k preview theme · Enter use it · P persist state · ? keys · q quit',
}

export function App(props: AppProps) {
  const { exit } = useApp()
  const terminal = useWindowSize()
  const size = props.size ?? terminal
  // The tab bar and the status row take one row each.
  const height = size.rows - 2
  const [state, setState] = useState<TuiState>(props.initial)
  const [project, setProject] = useState(props.project)
  const [overlay, setOverlayState] = useState<Overlay | undefined>()
  // Read by key handlers, which may run several times before the next render.
  const overlayNow = useRef<Overlay | undefined>(undefined)
  const setOverlay = (o: Overlay | undefined) => {
    overlayNow.current = o
    setOverlayState(o)
  }
  const [message, setMessage] = useState<Message | undefined>()
  const [generation, setGeneration] = useState(0)
  const [preview, setPreview] = useState<Theme | undefined>()
  const undo = useRef<{ label: string; run: () => Promise<unknown> }[]>([])
  const screen = useRef<ScreenSlot['current']>(undefined)
  const slot = useMemo<ScreenSlot>(
    () => ({
      get current() {
        return screen.current
      },
      set current(h) {
        screen.current = h
      },
    }),
    [],
  )
  const theme = preview ?? findTheme(state.theme)!
  const refresh = useCallback(() => setGeneration((g) => g + 1), [])
  const projectInfo = useAsync<Project | undefined>(
    () => (project ? props.service.getProject(project) : Promise.resolve(undefined)),
    [project, generation],
  ).data

  // Persist on every change of what the state holds; writes are small and atomic.
  const { save } = props
  useEffect(() => {
    save({ tui: state })
  }, [state, save])

  useEffect(() => props.feed?.subscribe(refresh), [props.feed, refresh])

  const tui: Tui = {
    service: props.service,
    me: props.me,
    project,
    projectInfo,
    theme,
    generation,
    now: props.now ?? (() => new Date()),
    refresh,
  }

  const update = (patch: Partial<TuiState>) => setState((s) => ({ ...s, ...patch }))
  const setView = (view: View) => {
    setPreview(undefined)
    update({ view })
  }
  const setCursor = (view: View) => (n: number) =>
    setState((s) => ({ ...s, cursors: { ...s.cursors, [view]: n } }))

  /** Reports a refusal as a message; anything that is not a TicketError is a bug and ends the UI. */
  const fail = (e: unknown) => {
    if (e instanceof TicketError)
      setMessage({ text: `error: ${e.message}${e.hint ? ` — ${e.hint}` : ''}`, kind: 'error' })
    else exit(e instanceof Error ? e : new Error(String(e)))
  }
  // Changes run one after another, each reading fresh data, so two quick presses of the
  // same key make two changes instead of racing on the row both started from.
  const queue = useRef<Promise<unknown>>(Promise.resolve())
  const perform = (op: () => Promise<string>) => {
    queue.current = queue.current.then(op).then((text) => {
      setMessage({ text, kind: 'info' })
      refresh()
    }, fail)
  }

  const ticketOp = (action: TicketOp, t: Ticket) => {
    if (action === 'open') {
      const now = overlayNow.current
      return setOverlay({
        kind: 'detail',
        key: t.key,
        from: now?.kind === 'detail' ? now.from : screen.current,
      })
    }
    if (action === 'edit') return setOverlay({ kind: 'ticket-form', mode: 'edit', key: t.key })
    if (action === 'comment')
      return setOverlay({
        kind: 'prompt',
        label: `comment on ${t.key}`,
        initial: '',
        back: overlayNow.current,
        submit: (text) =>
          perform(() => props.service.addComment(t.key, text).then(() => `commented on ${t.key}`)),
      })
    if (action === 'reject')
      return setOverlay({
        kind: 'prompt',
        label: `why reject ${t.key}`,
        initial: '',
        back: overlayNow.current,
        submit: (reason) =>
          perform(async () => {
            const r = await props.service.reviewRequirement(t.key, {
              decision: 'rejected',
              ...(reason.trim() ? { reason: reason.trim() } : {}),
            })
            return `rejected: ${r.key} ${r.status}`
          }),
      })
    if (action === 'archive')
      return setOverlay({
        kind: 'confirm',
        question: `Archive ${t.key} "${t.title}"?`,
        back: overlayNow.current,
        yes: () =>
          perform(() => runTicketAction(props.service, 'archive', t, props.me, undo.current)),
      })
    perform(() => runTicketAction(props.service, action, t, props.me, undo.current))
  }

  const newTicket = () => {
    if (!project) return setMessage({ text: 'choose a project first (5)', kind: 'error' })
    setOverlay({
      kind: 'ticket-form',
      mode: 'new',
      type: state.view === 'ideas' ? 'requirement' : 'task',
    })
  }

  const global = (action: Action): boolean => {
    const i = VIEWS.indexOf(state.view)
    switch (action) {
      case 'quit':
        exit()
        return true
      case 'help':
        setOverlay({ kind: 'help', offset: 0 })
        return true
      case 'next-view':
        setView(VIEWS[(i + 1) % VIEWS.length]!)
        return true
      case 'prev-view':
        setView(VIEWS[(i - 1 + VIEWS.length) % VIEWS.length]!)
        return true
      case 'next-theme': {
        const t = nextTheme(theme)
        setPreview(undefined)
        update({ theme: t.id })
        setMessage({ text: `theme: ${t.name}`, kind: 'info' })
        return true
      }
      case 'filter':
        setOverlay({
          kind: 'prompt',
          label: 'filter',
          back: undefined,
          initial: state.filters[state.view] ?? '',
          submit: (q) =>
            setState((s) => ({
              ...s,
              filters: { ...s.filters, [s.view]: q.trim() },
              cursors: { ...s.cursors, [s.view]: 0 },
            })),
        })
        return true
      case 'clear-filter':
        setState((s) => ({ ...s, filters: { ...s.filters, [s.view]: '' } }))
        return true
      case 'new':
        newTicket()
        return true
      case 'toggle-tree':
        if (state.view === 'list') update({ tree: !state.tree })
        return true
      case 'reload':
        refresh()
        setMessage({ text: 'reloaded', kind: 'info' })
        return true
      case 'claim-next':
        perform(() =>
          props.service
            .claim(project ? { project } : {})
            .then((r) => (r.ticket ? `${r.status}: ${r.ticket.key} ${r.ticket.title}` : r.status)),
        )
        return true
      case 'undo': {
        const last = undo.current.pop()
        if (!last) setMessage({ text: 'nothing to undo', kind: 'info' })
        else perform(() => last.run().then(() => `undid: ${last.label}`))
        return true
      }
      default:
        if (action.startsWith('view-')) {
          setView(action.slice(5) as View)
          return true
        }
        return false
    }
  }

  const dispatch = (action: Action) => {
    const current = screen.current
    // Taken before the screen acts: the board moves its cursor along with a moving card.
    const selected = current?.selected?.()
    if (overlayNow.current?.kind === 'detail' && (action === 'quit' || action === 'back'))
      return setOverlay(undefined)
    if (current?.handle(action)) return
    if (action === 'back') return setMessage(undefined)
    if (isTicketOp(action)) {
      if (selected) ticketOp(action, selected)
      return
    }
    global(action)
  }

  const onKey = (input: string, key: Key) => {
    const name = keyName(input, key)
    if (name === 'C-c') return exit()
    const overlay = overlayNow.current
    // Forms and prompts take every key; they get them through the app, like the views do,
    // so a key that arrives right after one opens is not lost.
    if (overlay && overlay.kind !== 'detail' && overlay.kind !== 'help') {
      const take = screen.current?.input
      if (take && pending.current.length === 0) return take(input, key)
      // Not drawn yet (an edit form waits for its ticket): keep the keys until it is.
      pending.current.push([input, key])
      return
    }
    setMessage(undefined)
    if (overlay?.kind === 'help') {
      const step = { down: 1, j: 1, pagedown: height - 2, up: -1, k: -1, pageup: 2 - height }[name]
      const last = Math.max(0, helpLines().length - helpCapacity(size.columns, height))
      if (step === undefined || last === 0) return setOverlay(undefined)
      return setOverlay({
        kind: 'help',
        offset: Math.min(last, Math.max(0, overlay.offset + step)),
      })
    }
    const scope = overlay?.kind === 'detail' ? 'detail' : SCOPE[state.view]
    const action = resolveKey(scope, name)
    if (action) dispatch(action)
  }
  useInput((input, key) => forEachKey(input, key, onKey))
  const pending = useRef<[string, Key][]>([])
  // Runs after the screens' own layout effects, so a form that just appeared is registered.
  useLayoutEffect(() => {
    const take = screen.current?.input
    if (!take || !overlayNow.current || overlayNow.current.kind === 'detail') return
    const keys = pending.current.splice(0)
    for (const [input, key] of keys) take(input, key)
  })

  useMouse(props.mouse, (e) => {
    const overlay = overlayNow.current
    if (overlay && overlay.kind !== 'detail') return
    if (e.y === 0 && e.kind === 'click') {
      const view = tabAt(e.x)
      if (view) {
        setOverlay(undefined)
        setView(view)
      }
      return
    }
    const action = screen.current?.mouse?.({ ...e, y: e.y - 1 })
    if (action) dispatch(action)
  })

  if (size.columns < 40 || size.rows < 10)
    return <Text>terminal too small: the terminal UI needs at least 40×10</Text>
  const view = state.view
  const active = overlay === undefined
  const common = { width: size.columns, height, active }
  return (
    <TuiContext.Provider value={tui}>
      <ScreenContext.Provider value={slot}>
        <Box
          flexDirection="column"
          width={size.columns}
          height={size.rows}
          {...(theme.bg ? { backgroundColor: theme.bg } : {})}
        >
          <TabBar
            view={view}
            theme={theme}
            width={size.columns}
            project={projectInfo ? `${projectInfo.prefix} · ${projectInfo.title}` : (project ?? '')}
          />
          <Box height={height} flexDirection="column" overflow="hidden">
            {overlay?.kind === 'help' ? (
              <HelpView
                theme={theme}
                width={size.columns}
                height={height}
                offset={overlay.offset}
              />
            ) : overlay?.kind === 'detail' ? (
              <DetailView
                ticketKey={overlay.key}
                width={size.columns}
                height={height}
                onStep={(delta) => {
                  const now = overlayNow.current
                  if (now?.kind !== 'detail') return
                  const next = now.from?.neighbour?.(now.key, delta)
                  if (next) setOverlay({ ...now, key: next.key })
                }}
              />
            ) : overlay?.kind === 'ticket-form' ? (
              <TicketForm
                mode={overlay}
                width={size.columns}
                height={height}
                done={(text) => {
                  setOverlay(undefined)
                  if (text) {
                    setMessage({ text, kind: 'info' })
                    refresh()
                  }
                }}
              />
            ) : overlay?.kind === 'project-form' ? (
              <ProjectForm
                prefix={overlay.prefix}
                width={size.columns}
                height={height}
                done={(text, created) => {
                  setOverlay(undefined)
                  if (created) {
                    setProject(created)
                    save({ project: created })
                  }
                  if (text) {
                    setMessage({ text, kind: 'info' })
                    refresh()
                  }
                }}
              />
            ) : null}
            <Box
              display={
                overlay && overlay.kind !== 'prompt' && overlay.kind !== 'confirm' ? 'none' : 'flex'
              }
              flexDirection="column"
            >
              {view === 'summary' && (
                <SummaryView
                  {...common}
                  cursor={state.cursors.summary ?? 0}
                  setCursor={setCursor('summary')}
                />
              )}
              {view === 'list' && state.tree && (
                <TreeView
                  {...common}
                  cursor={state.cursors.list ?? 0}
                  setCursor={setCursor('list')}
                  expanded={state.expanded}
                  setExpanded={(expanded) => update({ expanded })}
                />
              )}
              {view === 'list' && !state.tree && (
                <ListView
                  {...common}
                  title="List"
                  query={state.filters.list ?? ''}
                  cursor={state.cursors.list ?? 0}
                  setCursor={setCursor('list')}
                />
              )}
              {view === 'ideas' && (
                <ListView
                  {...common}
                  title="Ideas (requirements)"
                  query={state.filters.ideas ?? ''}
                  fixed={{ type: 'requirement' }}
                  cursor={state.cursors.ideas ?? 0}
                  setCursor={setCursor('ideas')}
                />
              )}
              {view === 'board' && (
                <BoardView
                  {...common}
                  query={state.filters.board ?? ''}
                  cursor={state.cursors.board ?? 0}
                  setCursor={setCursor('board')}
                />
              )}
              {view === 'projects' && (
                <ProjectsView
                  {...common}
                  cursor={state.cursors.projects ?? 0}
                  setCursor={setCursor('projects')}
                  use={(p) => {
                    setProject(p.prefix)
                    save({ project: p.prefix })
                    setMessage({ text: `using project ${p.prefix}`, kind: 'info' })
                  }}
                  edit={(prefix) => setOverlay({ kind: 'project-form', prefix })}
                />
              )}
              {view === 'settings' && (
                <SettingsView
                  {...common}
                  current={findTheme(state.theme)!}
                  persist={state.persist}
                  cursor={state.cursors.settings}
                  setCursor={setCursor('settings')}
                  preview={setPreview}
                  choose={(t) => {
                    setPreview(undefined)
                    update({ theme: t.id })
                    setMessage({ text: `theme: ${t.name}`, kind: 'info' })
                  }}
                  togglePersist={() => update({ persist: !state.persist })}
                />
              )}
            </Box>
          </Box>
          {overlay?.kind === 'prompt' ? (
            <Prompt
              label={overlay.label}
              initial={overlay.initial}
              width={size.columns}
              done={(value) => {
                setOverlay(overlay.back)
                if (value !== undefined) overlay.submit(value)
              }}
            />
          ) : overlay?.kind === 'confirm' ? (
            <Confirm
              question={overlay.question}
              width={size.columns}
              done={(yes) => {
                setOverlay(overlay.back)
                if (yes) overlay.yes()
              }}
            />
          ) : (
            <StatusBar
              message={message}
              hints={overlay?.kind === 'detail' ? DETAIL_HINTS : HINTS[view]}
              theme={theme}
              width={size.columns}
            />
          )}
        </Box>
      </ScreenContext.Provider>
    </TuiContext.Provider>
  )
}
