import { EventEmitter } from 'node:events'
import { render } from 'ink-testing-library'
import { onTestFinished } from 'vitest'
import type { TicketService } from '../../src/service/ticket-service.ts'
import { App } from '../../src/tui/app.tsx'
import type { ChangeFeed } from '../../src/tui/data/change-feed.ts'
import type { MouseEvent, MouseSource } from '../../src/tui/mouse.ts'
import { INITIAL_STATE, type TuiState } from '../../src/tui/tui-state.ts'
import { openLocalService } from '../support/local-service.ts'
import { screenShows } from '../support/poll.ts'

/** Raw terminal input for the keys tests press. */
export const KEY = {
  enter: '\r',
  esc: '\x1b',
  tab: '\t',
  shiftTab: '\x1b[Z',
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  shiftUp: '\x1b[1;2A',
  shiftDown: '\x1b[1;2B',
  shiftRight: '\x1b[1;2C',
  shiftLeft: '\x1b[1;2D',
  pageDown: '\x1b[6~',
  ctrlS: '\x13',
  backspace: '\x7f',
} as const

export type SavedPatch = { tui?: TuiState; project?: string }

/**
 * The whole terminal UI over a real, seeded LocalService (project TK), drawn into a fixed
 * 100×30 screen. `press` types keys one at a time, as a person does; `waitFor` polls the
 * frame until it shows what the test expects.
 */
export async function renderApp(
  options: {
    service?: TicketService
    feed?: ChangeFeed
    initial?: Partial<TuiState>
    project?: string
    size?: { columns: number; rows: number }
  } = {},
) {
  const service = options.service ?? (await openLocalService())
  const me = await service.whoami()
  const saved: SavedPatch[] = []
  const mouse: MouseSource = new EventEmitter()
  const app = render(
    <App
      service={service}
      me={me}
      project={options.project ?? 'TK'}
      initial={{ ...INITIAL_STATE, ...options.initial }}
      save={(p) => saved.push(p)}
      mouse={mouse}
      {...(options.feed ? { feed: options.feed } : {})}
      size={options.size ?? { columns: 100, rows: 30 }}
    />,
  )
  onTestFinished(() => app.unmount())
  const frame = () => app.lastFrame() ?? ''
  const waitFor = (expected: string | RegExp | ((f: string) => boolean), timeout = 4000) =>
    screenShows(frame, expected, timeout, 15)
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      app.stdin.write(k)
      // A lone Escape is held briefly by Ink in case a sequence follows.
      await sleep(k === KEY.esc ? 80 : 25)
    }
  }
  const click = async (e: MouseEvent) => {
    mouse.emit('mouse', e)
    await sleep(25)
  }
  /** The line holding the cursor (▸). */
  const cursorLine = () =>
    frame()
      .split('\n')
      .find((l) => l.includes('▸')) ?? ''
  return { ...app, service, me, saved, frame, waitFor, press, click, cursorLine }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Adds tickets to TK through the service, in order, and returns their keys. */
export async function seed(service: TicketService, titles: string[], type?: 'bug' | 'epic') {
  const keys: string[] = []
  for (const title of titles)
    keys.push((await service.createTicket({ project: 'TK', title, ...(type ? { type } : {}) })).key)
  return keys
}
