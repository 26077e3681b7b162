/** @module Starts the terminal UI on a real terminal and always gives the terminal back. */
import chalk from 'chalk'
import { render } from 'ink'
import { createElement } from 'react'
import { HttpService } from '../client/http-service.ts'
import { TicketError } from '../domain/errors.ts'
import type { TicketService } from '../service/ticket-service.ts'
import { App, type AppProps } from './app.tsx'
import { colourLevel } from './colour-level.ts'
import { pollingFeed } from './data/change-feed.ts'
import { websocketFeed } from './data/websocket-feed.ts'
import { filterMouse, MOUSE_OFF, MOUSE_ON } from './mouse.ts'
import { findTheme, THEMES } from './themes.ts'
import { readTuiState, type TuiState } from './tui-state.ts'

export type RunTuiOptions = {
  /** config.json as read at start, and how to write parts of it back. */
  readonly config: Readonly<Record<string, unknown>>
  readonly saveConfig: (patch: Record<string, unknown>) => void
  readonly connect: () => Promise<TicketService>
  /** `-theme NAME` from the command line. */
  readonly theme: string | undefined
  /** The server in remote mode (TICKET_URL or `server_url`); undefined in local mode. */
  readonly serverUrl: string | undefined
  /** `-project PREFIX` from the command line, else the workspace's current project. */
  readonly project: string | undefined
  readonly stdin: NodeJS.ReadStream
  readonly stdout: NodeJS.WriteStream
  /** `tk edit KEY`: only the edit form of this ticket; the UI ends when the form closes. */
  readonly edit?: {
    readonly key: string
    /** The error when there is no terminal (its hint says what to do instead). */
    readonly noTerminal: TicketError
  }
}

// Cursor moves must not wait on disk, so state is written at most this often (and at exit).
const SAVE_DELAY_MS = 400

/**
 * Runs the UI until it quits; for `edit`, returns the ticket's key and what the form said
 * (undefined: cancelled).
 */
export async function runTui(
  o: RunTuiOptions,
): Promise<{ key: string; said: string | undefined } | undefined> {
  if (!o.stdout.isTTY || !o.stdin.isTTY)
    throw (
      o.edit?.noTerminal ??
      new TicketError('unavailable', 'the terminal UI needs a terminal', {
        hint: 'run tk -g in an interactive terminal; for plain output use tk ls',
      })
    )
  const initial = readTuiState(o.config.tui)
  let theme = initial.theme
  if (o.theme !== undefined) {
    const found = findTheme(o.theme)
    if (!found)
      throw new TicketError('invalid', `unknown theme "${o.theme}"`, {
        hint: `choose one of: ${THEMES.map((t) => t.id).join(', ')}`,
      })
    theme = found.id
  }
  const service = await o.connect()
  try {
    const me = await service.whoami()
    // A ticket that is not there is an error before anything is drawn.
    const editing = o.edit ? await service.getTicket(o.edit.key) : undefined
    const configured =
      editing?.project_prefix ??
      o.project ??
      (typeof o.config.project === 'string' ? o.config.project : undefined)
    // With no current project (a new remote workspace), open the first one, as the web app
    // does; it becomes the workspace's project only when chosen in Projects.
    const project =
      configured ?? (await service.listProjects()).find((p) => p.status === 'open')?.prefix
    // Remote mode names the server's version on the status row: what answers is not always
    // the version this tk was built with.
    const server = o.serverUrl ? (await service.status()).server_version : undefined
    let said: string | undefined
    const edit = editing && {
      key: editing.key,
      done: (text: string | undefined) => {
        said = text
      },
    }
    await show(o, service, { ...initial, theme }, me, project, server, edit)
    return editing && { key: editing.key, said }
  } finally {
    await service.close()
  }
}

async function show(
  o: RunTuiOptions,
  service: TicketService,
  initial: TuiState,
  me: AppProps['me'],
  project: string | undefined,
  serverVersion: string | undefined,
  edit: AppProps['edit'],
) {
  let pending: Record<string, unknown> = {}
  // Kept here rather than passed to unmount(), whose promise resolves even when given an error.
  let failure: unknown
  let timer: NodeJS.Timeout | undefined
  const flush = () => {
    clearTimeout(timer)
    timer = undefined
    const patch = pending
    pending = {}
    if (Object.keys(patch).length === 0) return
    try {
      o.saveConfig(patch)
    } catch (e) {
      throw new TicketError(
        'unavailable',
        `could not save the terminal UI's state in config.json: ${(e as Error).message}`,
        { hint: 'check that the workspace directory and its config.json are writable', cause: e },
      )
    }
  }
  const save: AppProps['save'] = (patch) => {
    pending = { ...pending, ...patch }
    // A failed write (a full disk, a config.json that is not a file) ends the UI with the
    // error, terminal restored, instead of crashing out of a timer.
    timer ??= setTimeout(() => {
      try {
        flush()
      } catch (e) {
        failure = e
        app.unmount()
      }
    }, SAVE_DELAY_MS)
  }
  const input = filterMouse(o.stdin)
  // Whatever happens, the terminal gets its mouse mode and cursor back.
  const restore = () => o.stdout.write(`${MOUSE_OFF}\x1b[?25h`)
  process.once('exit', restore)
  o.stdout.write(MOUSE_ON)
  // ink draws through chalk, whose own detection turns colour off wherever CI is set.
  chalk.level = colourLevel(process.env)
  const app = render(
    createElement(App, {
      service,
      me,
      project,
      initial,
      save,
      ...(serverVersion ? { serverVersion } : {}),
      ...(edit ? { edit } : {}),
      // Remote mode hears of changes from /api/ws; local mode has no server to tell it.
      feed:
        o.serverUrl && service instanceof HttpService
          ? websocketFeed({ url: o.serverUrl, token: service.token })
          : pollingFeed(service),
      mouse: input.mouse,
    }),
    {
      stdin: input.stdin,
      stdout: o.stdout,
      alternateScreen: true,
      // CI sets CI=true, which makes Ink draw only the last frame; a terminal is a terminal.
      interactive: true,
      exitOnCtrlC: false,
    },
  )
  const stop = () => app.unmount()
  for (const s of ['SIGTERM', 'SIGHUP'] as const) process.once(s, stop)
  try {
    await app.waitUntilExit()
    if (failure) throw failure
  } finally {
    for (const s of ['SIGTERM', 'SIGHUP'] as const) process.off(s, stop)
    flush()
    restore()
    process.off('exit', restore)
    input.dispose()
  }
}
