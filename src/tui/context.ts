import type { Key } from 'ink'
import { createContext, useContext, useLayoutEffect } from 'react'
import type { Project } from '../domain/project.ts'
import type { Ticket } from '../domain/ticket.ts'
import type { User } from '../domain/user.ts'
import type { TicketService } from '../service/ticket-service.ts'
import type { Action } from './keys.ts'
import type { MouseEvent } from './mouse.ts'
import type { Theme } from './themes.ts'

/** What every screen may use: the service, who and where we are, and how to report. */
export type Tui = {
  readonly service: TicketService
  readonly me: User
  /** The active project's prefix; undefined when the workspace has none yet. */
  readonly project: string | undefined
  readonly projectInfo: Project | undefined
  readonly theme: Theme
  /** Bumped after every change, so screens reload what they show. */
  readonly generation: number
  readonly now: () => Date
  /** Re-read everything (after a change made here or reported by the change feed). */
  refresh(): void
}

export const TuiContext = createContext<Tui | undefined>(undefined)

export function useTui(): Tui {
  const tui = useContext(TuiContext)
  if (!tui) throw new Error('useTui outside <TuiContext>')
  return tui
}

/** How the app talks to the screen that has the keys. */
export type ScreenHandle = {
  /** Returns true when the screen used the action. */
  handle(action: Action): boolean
  /** Raw keys, for forms and prompts, which take every key while they are open. */
  input?(input: string, key: Key): void
  /** False until the screen has its first rows; keys typed meanwhile wait for them. */
  ready?(): boolean
  /** The ticket under the cursor, for the lifecycle keys. */
  selected?(): Ticket | undefined
  /** A ticket `delta` rows from `key` in this screen's order (detail's ↑/↓). */
  neighbour?(key: string, delta: number): Ticket | undefined
  /** A mouse event with `y` counted from the screen's first row; may ask for an action. */
  mouse?(event: MouseEvent): Action | undefined
}

/** Where the screen that has the keys puts its handle (the app's ref). */
export type ScreenSlot = {
  current: ScreenHandle | undefined
  /** Called after a screen registers, so keys that waited for it can be handled. */
  registered?: () => void
}

export const ScreenContext = createContext<ScreenSlot>({ current: undefined })

/** Gives the app this screen's handle while the screen is mounted and `active`. */
export function useScreen(handle: ScreenHandle, active: boolean): void {
  const slot = useContext(ScreenContext)
  // Re-registered on every commit, before the next key can arrive, so the app never holds
  // a handle over data the screen no longer shows (a passive effect would run later).
  useLayoutEffect(() => {
    if (!active) return
    slot.current = handle
    slot.registered?.()
    return () => {
      if (slot.current === handle) slot.current = undefined
    }
  })
}
