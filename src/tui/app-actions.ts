import type { Ticket } from '../domain/ticket.ts'
import type { User } from '../domain/user.ts'
import type { TicketService } from '../service/ticket-service.ts'
import type { ScreenHandle } from './context.ts'
import type { Control } from './control.ts'
import type { Action } from './keys.ts'
import { nextTheme, type Theme } from './themes.ts'
import { runTicketAction, type TicketOp, type UndoEntry } from './ticket-actions.ts'
import { VIEWS, type View } from './tui-state.ts'

/** What the app's actions work with. */
export type ActionContext = {
  readonly control: Control
  readonly service: TicketService
  readonly me: User
  readonly project: string | undefined
  readonly theme: Theme
  readonly undo: UndoEntry[]
  /** The screen that has the keys. */
  readonly screen: ScreenHandle | undefined
  /** Runs a change after the ones before it and shows its line (or its refusal). */
  perform(op: () => Promise<string>): void
  /** Edits a text in $EDITOR, the terminal handed over meanwhile. */
  editExternally(text: string, name: string): Promise<string>
  quit(): void
  warn(text: string): void
}

/** An action on one ticket: open panes and prompts, or change it through the service. */
export function ticketAction(x: ActionContext, action: TicketOp, t: Ticket) {
  const { control: c, service } = x
  const prompt = (label: string, submit: (value: string) => void) =>
    c.setOverlay({ kind: 'prompt', label, initial: '', back: c.overlay(), submit })
  switch (action) {
    case 'open': {
      const now = c.overlay()
      // Stepping in the detail walks the list it was opened from.
      const from = now?.kind === 'detail' ? now.from : x.screen
      return c.setOverlay({ kind: 'detail', key: t.key, from })
    }
    case 'edit':
      return c.setOverlay({ kind: 'ticket-form', mode: 'edit', key: t.key })
    case 'edit-description':
      return x.perform(async () => {
        const fresh = await service.getTicket(t.key)
        const text = await x.editExternally(fresh.description, `${t.key}-description.md`)
        if (text === fresh.description) return `${t.key}: description unchanged`
        await service.updateTicket(t.key, { description: text })
        return `saved the description of ${t.key}`
      })
    case 'comment':
      return prompt(`comment on ${t.key}`, (text) =>
        x.perform(() => service.addComment(t.key, text).then(() => `commented on ${t.key}`)),
      )
    case 'reject':
      return prompt(`why reject ${t.key}`, (reason) =>
        x.perform(async () => {
          const r = await service.reviewRequirement(t.key, {
            decision: 'rejected',
            ...(reason.trim() ? { reason: reason.trim() } : {}),
          })
          return `rejected: ${r.key} ${r.status}`
        }),
      )
    case 'archive':
      return c.setOverlay({
        kind: 'confirm',
        question: `Archive ${t.key} "${t.title}"?`,
        back: c.overlay(),
        yes: () => x.perform(() => runTicketAction(service, 'archive', t, x.me, x.undo)),
      })
    default:
      x.perform(() => runTicketAction(service, action, t, x.me, x.undo))
  }
}

/** The actions that do not need a ticket; false when `action` is not one of them. */
export function appAction(x: ActionContext, action: Action): boolean {
  const { control: c } = x
  const { state } = c
  const setView = (view: View) => {
    c.preview(undefined)
    c.update({ view })
  }
  const i = VIEWS.indexOf(state.view)
  switch (action) {
    case 'quit':
      x.quit()
      return true
    case 'help':
      c.setOverlay({ kind: 'help', offset: 0 })
      return true
    case 'next-view':
      setView(VIEWS[(i + 1) % VIEWS.length]!)
      return true
    case 'prev-view':
      setView(VIEWS[(i - 1 + VIEWS.length) % VIEWS.length]!)
      return true
    case 'next-theme': {
      const t = nextTheme(x.theme)
      c.preview(undefined)
      c.update({ theme: t.id })
      c.say(`theme: ${t.name}`)
      return true
    }
    case 'filter':
      c.setOverlay({
        kind: 'prompt',
        label: 'filter',
        back: undefined,
        initial: state.filters[state.view] ?? '',
        submit: (q) =>
          c.update({
            filters: { ...state.filters, [state.view]: q.trim() },
            cursors: { ...state.cursors, [state.view]: 0 },
            selected: { ...state.selected, [state.view]: undefined },
          }),
      })
      return true
    case 'clear-filter':
      c.update({ filters: { ...state.filters, [state.view]: '' } })
      return true
    case 'new':
      if (!x.project) x.warn('choose a project first (5)')
      else
        c.setOverlay({
          kind: 'ticket-form',
          mode: 'new',
          type: state.view === 'ideas' ? 'requirement' : 'task',
        })
      return true
    case 'toggle-tree':
      if (state.view === 'list') c.update({ tree: !state.tree })
      return true
    case 'reload':
      c.refresh()
      c.say('reloaded')
      return true
    case 'claim-next':
      x.perform(() =>
        x.service
          .claim(x.project ? { project: x.project } : {})
          .then((r) => (r.ticket ? `${r.status}: ${r.ticket.key} ${r.ticket.title}` : r.status)),
      )
      return true
    case 'undo': {
      const last = x.undo.pop()
      if (!last) c.say('nothing to undo')
      else x.perform(() => last.run().then(() => `undid: ${last.label}`))
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
