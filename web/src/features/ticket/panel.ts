import type { TicketDetail } from '../../../../src/domain/ticket.ts'

/** Runs a change to the ticket, then shows its outcome (the ticket page's `useChange`). */
export type Run = (fn: () => Promise<unknown>) => void

/** What every side panel of the ticket page is given. */
export type TicketPanelProps = {
  readonly ticket: TicketDetail
  readonly editable: boolean
  readonly run: Run
}
