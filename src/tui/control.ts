import type { Ticket, TicketType } from '../domain/ticket.ts'
import type { ScreenHandle } from './context.ts'
import type { Theme } from './themes.ts'
import type { TuiState, View } from './tui-state.ts'

/** A pane drawn over the current view; it takes the keys while it is open. */
export type Overlay =
  | { kind: 'help'; offset: number }
  | { kind: 'detail'; key: string; from: ScreenHandle | undefined }
  | { kind: 'ticket-form'; mode: 'new'; type: TicketType }
  | {
      kind: 'ticket-form'
      mode: 'edit'
      key: string
      /** What closing the form does instead of going back to the view (`tk edit KEY`). */
      finish?: (text: string | undefined) => void
    }
  | { kind: 'project-form'; prefix: string | undefined }
  | {
      kind: 'prompt'
      label: string
      initial: string
      submit: (value: string) => void
      back: Overlay | undefined
    }
  | { kind: 'confirm'; question: string; yes: () => void; back: Overlay | undefined }

/** What the app lets its views and panes change. */
export type Control = {
  readonly state: TuiState
  update(patch: Partial<TuiState>): void
  /** Moves `view`'s cursor to `row`, which shows `id` (undefined: nothing there). */
  setCursor(view: View): (row: number, id?: string) => void
  /** Makes `prefix` the active project (and the workspace's current one). */
  chooseProject(prefix: string): void
  /** The overlay as of the last key, which may be newer than the last render. */
  overlay(): Overlay | undefined
  setOverlay(o: Overlay | undefined): void
  /** Shows a line in the status row. */
  say(text: string): void
  /** Runs a change after those before it; its text or refusal goes to the status row. */
  perform(op: () => Promise<string>): void
  /** Re-reads everything shown. */
  refresh(): void
  preview(t: Theme | undefined): void
  /** The ticket under the cursor of the screen that has the keys. */
  selected(): Ticket | undefined
}
