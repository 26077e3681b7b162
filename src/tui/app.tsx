import { Box, type Key, Text, useApp, useInput, useWindowSize } from 'ink'
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { TicketError } from '../domain/errors.ts'
import type { Project } from '../domain/project.ts'
import type { User } from '../domain/user.ts'
import type { TicketService } from '../service/ticket-service.ts'
import { type ActionContext, appAction, ticketAction } from './app-actions.ts'
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
import type { Control, Overlay } from './control.ts'
import type { ChangeFeed } from './data/change-feed.ts'
import { refusal } from './hints.ts'
import { useAsync } from './hooks/use-async.ts'
import { useExternalEditor } from './hooks/use-external-editor.ts'
import { useMouse } from './hooks/use-mouse.ts'
import { type Action, keyName, resolveKey } from './keys.ts'
import type { MouseSource } from './mouse.ts'
import { OverlayPane } from './overlay-pane.tsx'
import { DETAIL_HINTS, HINTS, SCOPE } from './screens.ts'
import { forEachKey } from './text-edit.ts'
import { findTheme, type Theme } from './themes.ts'
import { isTicketOp, type UndoEntry } from './ticket-actions.ts'
import type { TuiState } from './tui-state.ts'
import { CurrentView } from './views/current-view.tsx'
import { helpCapacity, helpLines } from './views/help-view.tsx'

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
  /** Remote mode: the version the server reports, shown at the right of the status row. */
  readonly serverVersion?: string
  /**
   * `tk edit KEY`: open on the edit form of this ticket, and end when it closes, handing over
   * what the form said (`saved …`, or undefined when cancelled).
   */
  readonly edit?: { readonly key: string; readonly done: (text: string | undefined) => void }
}

/** The whole terminal UI: tab bar, the current view or an overlay, and the status row. */
export function App(props: AppProps) {
  const { exit } = useApp()
  const terminal = useWindowSize()
  const size = props.size ?? terminal
  // The tab bar and the status row take one row each.
  const height = size.rows - 2
  const [state, setState] = useState<TuiState>(props.initial)
  const [project, setProject] = useState(props.project)
  const { edit } = props
  const [firstOverlay] = useState<Overlay | undefined>(() =>
    edit
      ? {
          kind: 'ticket-form',
          mode: 'edit',
          key: edit.key,
          finish(text) {
            edit.done(text)
            exit()
          },
        }
      : undefined,
  )
  const [overlay, setOverlayState] = useState<Overlay | undefined>(firstOverlay)
  // Read by key handlers, which may run several times before the next render.
  const overlayNow = useRef<Overlay | undefined>(firstOverlay)
  const [message, setMessage] = useState<Message | undefined>()
  const [generation, setGeneration] = useState(0)
  const [preview, setPreview] = useState<Theme | undefined>()
  const undo = useRef<UndoEntry[]>([])
  const editExternally = useExternalEditor()
  const screen = useRef<ScreenHandle | undefined>(undefined) as ScreenSlot
  // The view keys are meant for (set as a key switches) and the one last drawn.
  const viewNow = useRef(props.initial.view)
  const committedView = useRef(props.initial.view)
  const queue = useRef<Promise<unknown>>(Promise.resolve())
  const pending = useRef<[string, Key][]>([])
  const theme = preview ?? findTheme(state.theme)!
  const refresh = useCallback(() => setGeneration((g) => g + 1), [])
  const projectInfo = useAsync<Project | undefined>(
    () => (project ? props.service.getProject(project) : Promise.resolve(undefined)),
    [project, generation],
  ).data

  // Persist on every change of what the state holds; run.ts batches the writes.
  const { save } = props
  useEffect(() => {
    save({ tui: state })
  }, [state, save])
  // A dropped connection shows at once; once it is back, the refusals it caused are history.
  const [offline, setOffline] = useState(false)
  useEffect(
    () =>
      props.feed?.subscribe(refresh, (status) => {
        setOffline(status === 'disconnected')
        if (status === 'connected') setMessage((m) => (m?.kind === 'error' ? undefined : m))
      }),
    [props.feed, refresh],
  )

  const control: Control = {
    state,
    update(patch) {
      if (patch.view) viewNow.current = patch.view
      setState((s) => ({ ...s, ...patch }))
    },
    setCursor: (view) => (row, id) =>
      setState((s) => ({
        ...s,
        cursors: { ...s.cursors, [view]: row },
        selected: { ...s.selected, [view]: id },
      })),
    chooseProject(prefix) {
      setProject(prefix)
      save({ project: prefix })
    },
    overlay: () => overlayNow.current,
    setOverlay(o) {
      overlayNow.current = o
      setOverlayState(o)
    },
    say: (text) => setMessage({ text, kind: 'info' }),
    perform: (op) => actions.perform(op),
    refresh,
    preview: setPreview,
    selected: () => screen.current?.selected?.(),
  }

  /** A refusal becomes a message; anything that is not a TicketError is a bug and ends the UI. */
  const fail = (e: unknown) => {
    if (e instanceof TicketError) setMessage({ text: `error: ${refusal(e)}`, kind: 'error' })
    else exit(e instanceof Error ? e : new Error(String(e)))
  }
  const actions: ActionContext = {
    control,
    service: props.service,
    me: props.me,
    project,
    theme,
    undo: undo.current,
    screen: screen.current,
    // Changes run one after another, each reading fresh data, so two quick presses of the
    // same key make two changes instead of racing on the row both started from.
    perform(op) {
      queue.current = queue.current.then(op).then((text) => {
        setMessage({ text, kind: 'info' })
        refresh()
      }, fail)
    },
    editExternally,
    quit: () => exit(),
    warn: (text) => setMessage({ text, kind: 'error' }),
  }

  const dispatch = (action: Action) => {
    const current = screen.current
    // Taken before the screen acts: the board moves its cursor along with a moving card.
    const selected = current?.selected?.()
    if (overlayNow.current?.kind === 'detail' && (action === 'quit' || action === 'back'))
      return control.setOverlay(undefined)
    if (current?.handle(action)) return
    if (action === 'back') return setMessage(undefined)
    const x = { ...actions, screen: current }
    if (isTicketOp(action)) {
      if (selected) ticketAction(x, action, selected)
      return
    }
    appAction(x, action)
  }

  /**
   * Whether the screen the next key is meant for is drawn: a form or prompt that registered
   * for keys, or the view last switched to with its first rows in.
   */
  const screenReady = () => {
    const now = overlayNow.current
    if (now && now.kind !== 'detail' && now.kind !== 'help') return !!screen.current?.input
    if (now) return true
    return viewNow.current === committedView.current && screen.current?.ready?.() !== false
  }
  const onKey = (input: string, key: Key) => {
    const name = keyName(input, key)
    if (name === 'C-c') return exit()
    // Typing ahead is never lost: keys wait, in order, while their screen is not drawn yet
    // (an edit form waiting for its ticket, a view just switched to, a list's first page).
    if (pending.current.length > 0 || !screenReady()) {
      pending.current.push([input, key])
      return
    }
    const now = overlayNow.current
    // Forms and prompts take every key; they get them through the app, like the views do.
    if (now && now.kind !== 'detail' && now.kind !== 'help')
      return screen.current?.input?.(input, key)
    setMessage(undefined)
    if (now?.kind === 'help') return scrollHelp(now.offset, name)
    const action = resolveKey(now?.kind === 'detail' ? 'detail' : SCOPE[state.view], name)
    if (action) dispatch(action)
  }
  const scrollHelp = (offset: number, name: string) => {
    const step = { down: 1, j: 1, pagedown: height - 2, up: -1, k: -1, pageup: 2 - height }[name]
    const last = Math.max(0, helpLines().length - helpCapacity(size.columns, height))
    if (step === undefined || last === 0) return control.setOverlay(undefined)
    control.setOverlay({ kind: 'help', offset: Math.min(last, Math.max(0, offset + step)) })
  }
  useInput((input, key) => forEachKey(input, key, onKey))
  const flushPending = () => {
    if (pending.current.length === 0 || !screenReady()) return
    for (const [input, key] of pending.current.splice(0)) onKey(input, key)
  }
  // Runs after the screens' own layout effects, so a form or view that just appeared is
  // registered; a screen that draws later (its rows arrived) flushes through its slot.
  useLayoutEffect(() => {
    committedView.current = state.view
    flushPending()
  })
  screen.registered = flushPending

  const projectLabel = projectInfo
    ? `${projectInfo.prefix} · ${projectInfo.title}`
    : (project ?? '')
  useMouse(props.mouse, (e) => {
    const now = overlayNow.current
    if (now && now.kind !== 'detail') return
    if (e.y === 0 && e.kind === 'click') {
      const view = tabAt(e.x, state.view, size.columns, projectLabel)
      if (view) {
        control.setOverlay(undefined)
        control.preview(undefined)
        control.update({ view })
      }
      return
    }
    const action = screen.current?.mouse?.({ ...e, y: e.y - 1 })
    if (action) dispatch(action)
  })

  if (size.columns < 40 || size.rows < 10)
    return <Text>terminal too small: the terminal UI needs at least 40×10</Text>
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
  const width = size.columns
  // Prompts and confirmations sit in the status row, over the view they are about.
  const inRow = overlay?.kind === 'prompt' || overlay?.kind === 'confirm'
  return (
    <TuiContext.Provider value={tui}>
      <ScreenContext.Provider value={screen}>
        <Box
          flexDirection="column"
          width={width}
          height={size.rows}
          {...(theme.bg ? { backgroundColor: theme.bg } : {})}
        >
          <TabBar
            view={state.view}
            theme={theme}
            width={width}
            offline={offline}
            project={projectLabel}
          />
          <Box height={height} flexDirection="column" overflow="hidden">
            <OverlayPane
              overlay={overlay}
              control={control}
              theme={theme}
              width={width}
              height={height}
            />
            {/* Hidden, not unmounted, under a pane: its loaded pages and scroll survive. */}
            <Box display={overlay && !inRow ? 'none' : 'flex'} flexDirection="column">
              <CurrentView
                control={control}
                width={width}
                height={height}
                active={overlay === undefined}
              />
            </Box>
          </Box>
          {overlay?.kind === 'prompt' ? (
            <Prompt
              label={overlay.label}
              initial={overlay.initial}
              width={width}
              done={(value) => {
                control.setOverlay(overlay.back)
                if (value !== undefined) overlay.submit(value)
              }}
            />
          ) : overlay?.kind === 'confirm' ? (
            <Confirm
              question={overlay.question}
              width={width}
              done={(yes) => {
                control.setOverlay(overlay.back)
                if (yes) overlay.yes()
              }}
            />
          ) : (
            <StatusBar
              message={message}
              hints={overlay?.kind === 'detail' ? DETAIL_HINTS : HINTS[state.view]}
              aside={props.serverVersion ? `server ${props.serverVersion}` : undefined}
              theme={theme}
              width={width}
            />
          )}
        </Box>
      </ScreenContext.Provider>
    </TuiContext.Provider>
  )
}
